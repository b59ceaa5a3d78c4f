#!/usr/bin/env bash
# Java and Python measured in one run on the same machine (issue 13 figures). Run it on a quiet machine:
#   src/tools/bench_side_by_side.sh            # everything
#   CPUS=0,1 src/tools/bench_side_by_side.sh   # which cores both sides may use (default: all; taskset -c)
# Sections:
#  1. loading ResNet-50 / YOLOv5s / VGG-11-BN: onnx.load vs PruneScope's load + shape inference + costs; export of
#     the same pruned model vs onnx.save; time to interactive in the window (gui --measure-open, needs xvfb-run);
#  2. FPGM sums and L1+L2 norms over every conv of ResNet-50 and YOLOv5s, warm (median) and in a fresh process:
#     PyTorch (cdist, TORCH_THREADS threads) vs PruneScope (ONNX Runtime GEMM + Vector API; the Java kernels for reference);
#  3. ONNX Runtime per-operator profile of YOLOv5n and ResNet-18, original vs 50 % filters pruned (round-to 1 and
#     the latency table's advice), and the latency table's round-to advice.
# Needs: /usr/bin/python3 with torch + onnx, and OpenBLAS behind libblas.so.3 (apt-get install python3-torch
# python3-onnx libopenblas0-pthread: python3-torch alone may bring only the reference BLAS, 20-40x slower, which
# makes PyTorch's FPGM look slow; the script warns and the reference page names the BLAS torch mapped), and the
# bench models, made here if missing by src/tools/make_bench_models.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH=/tmp/fixtures-work/bench
OUT=${OUT:-/tmp/prunescope-bench}
mkdir -p "$OUT"
CPUS=${CPUS:-$(seq -s, 0 $(($(nproc) - 1)))}
NCPU=$(echo "$CPUS" | tr ',' '\n' | wc -l)
export TORCH_THREADS=${TORCH_THREADS:-$NCPU}
PIN="taskset -c $CPUS"
[ -f target/prunescope.jar ] || mvn -B -q package -DskipTests
/usr/bin/python3 src/tools/make_bench_models.py
JAVA="java --add-modules jdk.incubator.vector -Xmx8g"
PS="$PIN $JAVA -jar target/prunescope.jar"
load() { echo "   [load average $(cut -d' ' -f1-3 /proc/loadavg)]"; }
BLAS=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 || true)
case "$BLAS" in
  *openblas*) ;;
  *) echo "WARNING: libblas.so.3 is '$BLAS', not OpenBLAS: PyTorch's figures would be the reference BLAS's" \
       "(apt-get install libopenblas0-pthread)" ;;
esac

echo "== machine: $(nproc) cores, using CPUs $CPUS, $(date -u +%FT%TZ)"; load
echo "== 1+2. Python reference (onnx.load, torch FPGM and norms, warm)"
$PIN /usr/bin/python3 src/tools/bench_python_reference.py; load
echo "== 1. Java: load + shape inference + costs (cold = first load of the process; warm = median of the rest)"
$PS bench load $BENCH/yolov5s.onnx $BENCH/resnet50.onnx $BENCH/vgg11_bn.onnx --repeat 5; load
echo "== 1. Java: the same after the reader's warm-up, as the workbench runs it while JavaFX starts"
$PS bench load $BENCH/yolov5s.onnx --repeat 5 --warm-up; load
echo "== 1. export of the same pruned model (L1 filters at 0.3 on every layer): PruneScope, then onnx.save"
# On a VM, memory the guest has not touched lately can be cold on the host (likely free page reporting): a writer whose new
# page-cache pages come from it pays the host's first touch, ~2.3 ms per MB here (a plain 14.8 MB write: 3.2 ms into
# just-freed pages, 35 ms into cold ones; benchmarks.md, 2026-12-01 11:37). Whichever side runs first would pay it;
# each side starts with just-freed pages instead.
warm_pages() { dd if=/dev/zero of="$OUT/page-warmer" bs=1M count=512 status=none; rm -f "$OUT/page-warmer"; }
for m in yolov5s resnet50; do
  # --repeat 15: the median of runs 2..15 is the JVM's steady state (the JIT finishes the writer's paths around the
  # 5th export; runs 2..4 cost 1.5-2x), as runs 2..7 are onnx.save's; the per-run line shows the warm-up
  warm_pages
  $PS bench export $BENCH/$m.onnx -o "$OUT/$m-pruned.onnx" --ratio 0.3 --repeat 15
  warm_pages
  $PIN /usr/bin/python3 src/tools/bench_python_reference.py --save-one "$OUT/$m-pruned.onnx" "$OUT/$m-pruned-onnxsave.onnx"
done; load
echo "== 1. time to interactive in the window (file chosen → network drawn, first layer's heatmaps shown) and FX stalls;"
echo "==    then the network scrolled one step per frame (render thread's CPU per frame)"
/usr/bin/python3 src/tools/make_bench_models.py --only chain3000
for m in yolov5s resnet50 vgg11_bn chain3000; do
  # sampling off: stack samples are safepoints and can stretch the stalls (src/docs/time-to-interactive.md);
  # the compiler threads' priority as the window's launchers set it on Linux (pom.xml, installers/jpackage-linux.sh)
  xvfb-run -a -s "-screen 0 1600x1000x24" $JAVA -XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=5 \
    -Dprunescope.measure-open.sample=false -jar target/prunescope.jar \
    gui $BENCH/$m.onnx --measure-open 2>&1 | sed -n '/^measure-open/,$p' || true
done; load
echo "== 2. Java: criteria over every conv, warm (ONNX Runtime GEMM for large layers, Vector API for the rest)"
$PIN $JAVA -cp target/prunescope.jar io.prunescope.prune.criteria.CriteriaBenchmark 9; load
echo "== 2. Java: the same with the Java kernels only (Vector API kernel; -Dprunescope.gram=java)"
$PIN $JAVA -Dprunescope.gram=java -cp target/prunescope.jar io.prunescope.prune.criteria.CriteriaBenchmark 5; load
echo "== 2. Java: the same on the pure-Java path (no jdk.incubator.vector, no native GEMM)"
$PIN java -Xmx8g -Dprunescope.gram=java -cp target/prunescope.jar io.prunescope.prune.criteria.CriteriaBenchmark 5; load
echo "== 2. fresh process: first pass (PyTorch; PruneScope right after making the weights; PruneScope once its"
echo "      warm-up has finished, as in the workbench where it runs while the user chooses a file), 3 rounds"
for round in 1 2 3; do
  for m in resnet50 yolov5s; do
    for w in fpgm norms; do
      $PIN /usr/bin/python3 src/tools/bench_python_reference.py --cold $m $w
      $PIN $JAVA -cp target/prunescope.jar io.prunescope.prune.criteria.CriteriaBenchmark cold $m $w
      $PIN $JAVA -cp target/prunescope.jar io.prunescope.prune.criteria.CriteriaBenchmark cold $m $w settled
    done
  done
done; load
echo "== 3. ONNX Runtime profiles: original vs pruned (L1; -r 0.5 = 50 % of filters, -r 0.3 ≈ 50 % of MACs), 1 thread"
Y5N=src/test/resources/fixtures/yolov5n-random.onnx
R18=$BENCH/resnet18.onnx
for pair in "yolov5n:$Y5N" "resnet18:$R18"; do
  name=${pair%%:*}; model=${pair#*:}
  for r in 0.5 0.3; do
    for rt in 1 8 16; do
      pruned="$OUT/$name-r$r-rt$rt.onnx"
      echo "-- $name -r $r --round-to $rt"
      $PS prune "$model" -g filter -c l1 -r $r --round-to $rt -o "$pruned" | grep -E "GFLOPs|Params" || true
      $PS bench profile "$model" "$pruned" --runs 50 --threads 1; load
    done
  done
done
echo "== 3. latency table and round-to advice (cached per machine in ~/.prunescope/latency)"
$PS bench latency-table $Y5N --ratio 0.5 --layers 6 --runs 20; load
$PS bench latency-table $R18 --ratio 0.5 --layers 6 --runs 20; load
