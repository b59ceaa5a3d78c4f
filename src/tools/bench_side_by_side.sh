#!/usr/bin/env bash
# Java and Python measured in one run on the same machine (issue figures):
#  1. loading ResNet-50 / VGG-11-BN: Python's onnx.load vs PruneScope's load + shape inference + costs;
#  2. FPGM sums, L1/L2 norms over every conv of ResNet-50 and YOLOv5s: PyTorch (2 threads) vs PruneScope.
# Needs the bench models from export_fixtures.py in /tmp/fixtures-work/bench and Debian's python3-torch.
# PyTorch's speed depends on the BLAS behind libblas.so.3 (Debian's reference BLAS is ~30x slower than
# OpenBLAS): the script prints which one torch mapped.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f target/prunescope.jar ] || mvn -B -q package -DskipTests
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
echo "== Python"
/usr/bin/python3 src/tools/bench_python_reference.py
echo "== Java: load + shape inference + costs"
java -Xmx8g -jar target/prunescope.jar bench load /tmp/fixtures-work/bench/resnet50.onnx \
  /tmp/fixtures-work/bench/vgg11_bn.onnx --repeat 3
echo "== Java: criteria over every conv (FPGM sums, L1, L2, geometric median)"
java -Xmx4g -cp target/prunescope.jar io.prunescope.prune.criteria.CriteriaBenchmark 9
