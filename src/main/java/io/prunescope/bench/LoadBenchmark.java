package io.prunescope.bench;

import io.prunescope.analysis.CostModel;
import io.prunescope.analysis.NodeCost;
import io.prunescope.analysis.PrunableLayers;
import io.prunescope.analysis.ShapeInference;
import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.onnx.ModelLoadException;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.onnx.OnnxReader;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures how long loading and analysing a model takes, and how much heap it needs.
 * <p>
 * Times: wall clock ({@link System#nanoTime()}) of {@link OnnxReader#read(Path)}, of static
 * {@link ShapeInference} (no fallback) and of {@link CostModel} plus {@link PrunableLayers}. The load is reported
 * cold (the first repeat: in a fresh process it includes loading and compiling the reader's code, which is what a
 * person opening one model in a fresh app waits for) and warm (median of the later repeats), with the warm load's
 * CPU time on the loading thread (less disturbed than wall time when other processes share the cores). Shapes and
 * costs are warm medians. Memory, per repeat: {@code System.gc()} twice, then every heap {@link MemoryPoolMXBean}'s
 * peak is reset; after the work, <b>peak heap</b> is the sum of the pools' peak {@code used} bytes (an upper bound
 * of the simultaneous peak: pools may peak at different moments, and garbage not yet collected counts), and
 * <b>retained heap</b> is heap used after another {@code System.gc()} while the model and its analysis are still
 * reachable, minus the heap used after GC before loading. Peak heap is the maximum over repeats.
 */
public final class LoadBenchmark {

    /** One file's figures. Times in milliseconds, memory in bytes. */
    public record Result(Path file, long fileBytes, int nodes, double coldLoadMs, double loadMs, double loadCpuMs,
                         double shapesMs, double costMs, long peakHeapBytes, long retainedHeapBytes, long params,
                         long macs, int unresolvedShapes, Map<String, Double> stepMs, Map<String, Double> stepCpuMs,
                         String error) {

        public static Result failed(Path file, String error) {
            return new Result(file, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), error);
        }

        public boolean ok() {
            return error == null;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final InputBindings bindings;
    private final int repeat;

    public LoadBenchmark(InputBindings bindings, int repeat) {
        this.bindings = bindings;
        this.repeat = Math.max(1, repeat);
    }

    public Result run(Path file) {
        double[] load = new double[repeat];
        double[] loadCpu = new double[repeat];
        Map<String, double[]> stepWall = new LinkedHashMap<>();
        Map<String, double[]> stepCpu = new LinkedHashMap<>();
        double[] shapes = new double[repeat];
        double[] cost = new double[repeat];
        long peak = 0;
        long retained = 0;
        int nodes = 0;
        long params = 0;
        long macs = 0;
        int unresolved = 0;
        long size;
        try {
            size = Files.size(file);
        } catch (Exception e) {
            return Result.failed(file, "cannot read " + file + ": " + e.getMessage());
        }
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        for (int r = 0; r < repeat; r++) {
            long baseline = usedAfterGc();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            try {
                long c0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                int run = r;
                long[] last = {t0, c0};
                OnnxDocument doc = new OnnxReader().read(file, step -> {
                    long now = System.nanoTime();
                    long nowCpu = THREADS.getCurrentThreadCpuTime();
                    stepWall.computeIfAbsent(step, k -> new double[repeat])[run] = (now - last[0]) / 1e6;
                    stepCpu.computeIfAbsent(step, k -> new double[repeat])[run] = (nowCpu - last[1]) / 1e6;
                    last[0] = now;
                    last[1] = nowCpu;
                });
                Model model = doc.model();
                long t1 = System.nanoTime();
                loadCpu[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
                Map<String, long[]> inputs = bindings.resolve(model);
                ShapeInference.Result s = ShapeInference.infer(model, inputs);
                long t2 = System.nanoTime();
                List<NodeCost> costs = CostModel.costs(model.graph(), s.shapes());
                int layers = PrunableLayers.find(model.graph()).size();
                long t3 = System.nanoTime();
                long p = 0;
                for (MemoryPoolMXBean pool : heapPools) {
                    p += pool.getPeakUsage().getUsed();
                }
                peak = Math.max(peak, p);
                load[r] = (t1 - t0) / 1e6;
                shapes[r] = (t2 - t1) / 1e6;
                cost[r] = (t3 - t2) / 1e6;
                nodes = model.graph().nodes().size();
                params = costs.stream().mapToLong(NodeCost::params).sum();
                macs = costs.stream().mapToLong(NodeCost::macs).sum();
                unresolved = s.unresolved().size();
                // The file's SHA-256 runs in the background after the read (issue 13) and is not part of the load;
                // wait for it here, untimed, so that it does not share the core with the next repeat's read.
                model.sha256();
                retained = Math.max(0, usedAfterGc() - baseline);
                // keep everything reachable until it has been measured
                if (layers < 0 || doc.model() == null) {
                    throw new IllegalStateException();
                }
            } catch (ModelLoadException e) {
                return Result.failed(file, e.getMessage());
            } catch (IllegalArgumentException e) {
                return Result.failed(file, e.getMessage());
            }
        }
        // The first load in the process pays for loading and compiling the reader's classes; later ones are warm.
        Map<String, Double> stepMs = new LinkedHashMap<>();
        Map<String, Double> stepCpuMs = new LinkedHashMap<>();
        stepWall.forEach((k, v) -> stepMs.put(k, warm(v)));
        stepCpu.forEach((k, v) -> stepCpuMs.put(k, warm(v)));
        return new Result(file, size, nodes, load[0], warm(load), warm(loadCpu), warm(shapes), warm(cost), peak,
                retained, params, macs, unresolved, stepMs, stepCpuMs, null);
    }

    /** Median of the repeats after the first (all of them when there is only one). */
    private static double warm(double[] v) {
        return median(v.length > 1 ? Arrays.copyOfRange(v, 1, v.length) : v);
    }

    private static long usedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
