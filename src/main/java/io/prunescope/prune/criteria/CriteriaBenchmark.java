package io.prunescope.prune.criteria;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times the weight criteria over every conv of a model, filter granularity (what FPGM is used for).
 * PyTorch's counterpart ({@code torch.cdist(w, w).sum(1)} per layer) is measured in the same sitting by
 * {@code src/tools/bench_side_by_side.sh}: on this VM both sides move by 10–40 % between runs minutes apart, so a
 * fixed reference figure printed here would mislead.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp target/prunescope.jar
 * io.prunescope.prune.criteria.CriteriaBenchmark [repeats]} ({@code -Dprunescope.gram=java} for the Java kernels only), or {@code ... CriteriaBenchmark cold resnet50|yolov5s
 * fpgm|norms [settled]} for the first pass in a fresh JVM (right after the weights are made, or with {@code settled}
 * after the kernels' warm-up has finished, as in the workbench where it runs while the user chooses a file).
 */
public final class CriteriaBenchmark {

    /** Median wall-clock milliseconds for one pass over all the model's weights, per criterion. */
    public record Result(String model, int layers, long elements, int repeats,
                         double l1Ms, double l2Ms, double normsMs, double fpgmMs, double gmMs, double fpgmCpuMs) {

        @Override
        public String toString() {
            return String.format("%s: %d layers, %,d weights, median of %d: L1 %.1f ms, L2 %.1f ms, "
                    + "L1+L2 in one pass %.1f ms, FPGM %.1f ms (process CPU %.0f ms), GM %.1f ms",
                    model, layers, elements, repeats, l1Ms, l2Ms, normsMs, fpgmMs, fpgmCpuMs, gmMs);
        }
    }

    private CriteriaBenchmark() {
    }

    public static Result run(String model, List<WeightView> weights, int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1");
        }
        long elements = weights.stream().mapToLong(WeightView::size).sum();
        double[] fpgmCpu = new double[repeats];
        double l1 = medianMs(weights, Criterion.L1, new double[repeats]);
        double l2 = medianMs(weights, Criterion.L2, new double[repeats]);
        double norms = medianNormsMs(weights, repeats);
        double fpgm = medianMs(weights, Criterion.FPGM, fpgmCpu);
        double gm = medianMs(weights, Criterion.GEOMETRIC_MEDIAN, new double[repeats]);
        return new Result(model, weights.size(), elements, repeats, l1, l2, norms, fpgm, gm, median(fpgmCpu));
    }

    /**
     * Median wall time of whole-model passes; {@code cpuMs} receives each pass's process CPU time, which
     * shows how much of the wall time was waiting for cores other processes held.
     */
    private static double medianMs(List<WeightView> weights, Criterion c, double[] cpuMs) {
        ScoreOptions opts = ScoreOptions.defaults();
        double[] times = new double[cpuMs.length];
        float sink = 0;
        for (int r = 0; r < times.length; r++) {
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            for (float[] scores : Scorer.scoresOfLayers(weights, Granularity.FILTER, c, opts)) {
                sink += scores[0];
            }
            times[r] = (System.nanoTime() - start) / 1e6;
            cpuMs[r] = (processCpuNanos() - cpuStart) / 1e6;
        }
        if (Float.isNaN(sink)) {
            System.out.print(""); // keeps the results observably used
        }
        return median(times);
    }

    private static double medianNormsMs(List<WeightView> weights, int repeats) {
        double[] times = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            Scorer.normsOfLayers(weights, Granularity.FILTER);
            times[r] = (System.nanoTime() - start) / 1e6;
        }
        return median(times);
    }

    /**
     * The figure a user sees on opening a model: one pass of {@code what} (fpgm or norms) over the model's convs
     * as the first work of a fresh JVM (nothing compiled yet). Milliseconds.
     */
    public static double coldMs(List<WeightView> weights, String what) {
        long start = System.nanoTime();
        if (what.equals("norms")) {
            Scorer.normsOfLayers(weights, Granularity.FILTER);
        } else {
            Scorer.scoresOfLayers(weights, Granularity.FILTER, Criterion.FPGM, ScoreOptions.defaults());
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static void waitForWarmUp(long maxMillis) {
        long end = System.currentTimeMillis() + maxMillis;
        while (VectorSupport.warmingUp() && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Gaussian weights with He-init scale sqrt(2 / fan_in), reproducible from the seed. */
    public static List<WeightView> randomWeights(List<ModelShapes.NamedShape> shapes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<WeightView> out = new ArrayList<>();
        for (ModelShapes.NamedShape s : shapes) {
            int[] shape = s.shape();
            float[] data = new float[(int) s.elements()];
            double scale = Math.sqrt(2.0 / (data.length / shape[0]));
            for (int i = 0; i < data.length; i += 2) {
                // Box–Muller: two normals per pair of uniforms
                double u1 = 1.0 - random.nextDouble();
                double u2 = random.nextDouble();
                double radius = Math.sqrt(-2.0 * Math.log(u1)) * scale;
                data[i] = (float) (radius * Math.cos(2 * Math.PI * u2));
                if (i + 1 < data.length) {
                    data[i + 1] = (float) (radius * Math.sin(2 * Math.PI * u2));
                }
            }
            out.add(new WeightView(data, shape));
        }
        return out;
    }

    /** Which kernels run: ONNX Runtime's GEMM for large layers when it loads, then the Java ones. */
    static String kernels() {
        String java = VectorSupport.describe();
        return io.prunescope.runtime.NativeGram.instance().isPresent()
                ? io.prunescope.runtime.NativeGram.describe() + " for large layers, " + java + " for the rest" : java;
    }

    public static void main(String[] args) {
        if ((args.length == 3 || args.length == 4) && args[0].equals("cold")) {
            // cold MODEL fpgm|norms: run in a fresh JVM, once. As when a model is opened, the kernels' JIT warm-up
            // starts first and overlaps making the weights (which stands in for reading the file).
            long t0 = System.nanoTime();
            Scorer.prewarm();
            boolean resnet = args[1].toLowerCase(java.util.Locale.ROOT).contains("resnet");
            List<WeightView> w = resnet ? randomWeights(ModelShapes.resnet50Convs(), 42)
                    : randomWeights(ModelShapes.yolov5sConvs(), 43);
            double madeMs = (System.nanoTime() - t0) / 1e6;
            if (args.length == 4 && args[3].equals("settled")) {
                // The workbench's case: the warm-up starts with the window, and the user takes a while to choose a
                // file; so the first pass runs after it (capped: a warm-up never takes longer than a few seconds).
                waitForWarmUp(10_000);
            }
            boolean warming = VectorSupport.warmingUp();
            double ms = coldMs(w, args[2]);
            System.out.printf(java.util.Locale.ROOT, "fresh process, %s, %s: %.1f ms (%s; weights made in %.0f ms,"
                    + " warm-up %s then)%n", resnet ? "ResNet-50 convs" : "YOLOv5s convs", args[2], ms, kernels(),
                    madeMs, warming ? "still running" : "done");
            return;
        }
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<WeightView> resnet = randomWeights(ModelShapes.resnet50Convs(), 42);
        List<WeightView> yolo = randomWeights(ModelShapes.yolov5sConvs(), 43);
        System.out.println("threads: " + Parallel.threads() + ", FPGM kernel: " + kernels()
                + ", warming up ...");
        run("warm-up", resnet, 3);
        run("warm-up", yolo, 3);
        System.out.println(run("ResNet-50 convs", resnet, repeats));
        System.out.println(run("YOLOv5s convs", yolo, repeats));
    }
}
