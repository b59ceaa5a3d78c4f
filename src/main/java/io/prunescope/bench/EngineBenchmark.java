package io.prunescope.bench;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.ModelAnalyzer;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.InputBindings;
import io.prunescope.onnx.ModelLoadException;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.onnx.OnnxReader;
import io.prunescope.ops.LayerKind;
import io.prunescope.prune.CostPreview;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.LayerWeights;
import io.prunescope.prune.Preview;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.PruneEngine;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.CriteriaBenchmark;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.prune.criteria.WeightView;
import io.prunescope.runtime.OrtShapeFallback;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times what the live preview does when a slider moves, and the weight criteria over a whole model.
 * <p>
 * <b>Incremental preview.</b> One {@link PruneEngine} per model; a plan with filter/FPGM at {@link #BASE_RATIO} on
 * every layer is decided once (the <em>cold</em> decide: it scores every layer) and previewed. Then the ratio of one
 * mid-network conv (the middle of the non-depthwise convs whose filters are prunable) alternates between
 * {@link #RATIO_A} and {@link #RATIO_B}; each change is timed as {@code decide(plan)} plus
 * {@link CostPreview#compute}. The first change is reported on its own (before the JIT has seen the path), then
 * {@link #WARMUP} unreported changes, a {@code System.gc()}, then {@code repeat} timed ones: median and 90th
 * percentile of the wall clock, and of the thread's CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime()}; a warm
 * change runs on the calling thread only), which separates the engine's cost from waiting for a core on a busy
 * machine.
 * <p>
 * <b>Criteria.</b> {@link CriteriaBenchmark} over the model's real conv weights (filter granularity): L1, L2, FPGM
 * distance sums, geometric-median distances; median of {@code criteriaRepeat} passes. Structure-only models (every
 * layer weight zero) get seeded random weights first ({@link RandomWeights}), and the result says so.
 * Times are wall clock, {@link System#nanoTime()}.
 */
public final class EngineBenchmark {

    public static final double BASE_RATIO = 0.3;
    public static final double RATIO_A = 0.2;
    public static final double RATIO_B = 0.5;
    public static final int WARMUP = 5;

    /** One model's figures; times in milliseconds. */
    public record Result(Path file, int nodes, int layers, int groups, boolean randomised, String changedLayer,
                         double engineBuildMs, double coldDecideMs, double coldPreviewMs, double firstChangeMs,
                         double changeMedianMs, double changeP90Ms, double changeCpuMedianMs, double changeCpuP90Ms,
                         int changes, CriteriaBenchmark.Result criteria,
                         long paramsBefore, long paramsAfterBase, String error) {

        static Result failed(Path file, String error) {
            return new Result(file, 0, 0, 0, false, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, 0, error);
        }

        public boolean ok() {
            return error == null;
        }
    }

    private final InputBindings bindings;
    private final int repeat;
    private final int criteriaRepeat;

    public EngineBenchmark(InputBindings bindings, int repeat, int criteriaRepeat) {
        this.bindings = bindings;
        this.repeat = Math.max(1, repeat);
        this.criteriaRepeat = Math.max(1, criteriaRepeat);
    }

    public Result run(Path file) {
        OnnxDocument doc;
        boolean randomised = false;
        try {
            doc = new OnnxReader().read(file);
            if (RandomWeights.allLayerWeightsZero(doc.model().graph())) {
                doc = RandomWeights.randomise(doc, 42);
                randomised = true;
            }
        } catch (ModelLoadException e) {
            return Result.failed(file, e.getMessage());
        }
        ModelAnalysis analysis;
        try {
            analysis = ModelAnalyzer.analyze(doc.model(), bindings, new OrtShapeFallback(doc));
        } catch (IllegalArgumentException e) {
            return Result.failed(file, e.getMessage());
        }

        long t0 = System.nanoTime();
        PruneEngine engine = new PruneEngine(analysis);
        long t1 = System.nanoTime();
        PruningPlan base = PruningPlan.empty(doc.model().sha256(), doc.model().displayName())
                .withDefaults(new LayerSetting(Granularity.FILTER, Criterion.FPGM, BASE_RATIO, false, 2, 4));
        PruneDecision first = engine.decide(base);
        long t2 = System.nanoTime();
        CostPreview costs = new CostPreview(engine);
        Preview basePreview = costs.compute(first);
        long t3 = System.nanoTime();

        PrunableLayer mid = midConv(engine);
        double firstChange = 0;
        double[] times = new double[repeat];
        double[] cpuTimes = new double[repeat];
        if (mid != null) {
            LayerSetting s = base.defaults();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            boolean cpu = threads.isCurrentThreadCpuTimeSupported();
            for (int i = 0; i < 1 + WARMUP + repeat; i++) {
                if (i == 1 + WARMUP) {
                    // the garbage of loading and randomising is not the preview's: collect it before timing
                    System.gc();
                }
                PruningPlan p = base.withLayer(mid.name(), s.withRatio(i % 2 == 0 ? RATIO_A : RATIO_B));
                long c = cpu ? threads.getCurrentThreadCpuTime() : 0;
                long a = System.nanoTime();
                Preview pv = costs.compute(engine.decide(p));
                double ms = (System.nanoTime() - a) / 1e6;
                double cpuMs = cpu ? (threads.getCurrentThreadCpuTime() - c) / 1e6 : Double.NaN;
                if (pv.macsAfter() < 0) {
                    throw new IllegalStateException();
                }
                if (i == 0) {
                    firstChange = ms;
                } else if (i > WARMUP) {
                    times[i - 1 - WARMUP] = ms;
                    cpuTimes[i - 1 - WARMUP] = cpuMs;
                }
            }
        }
        List<WeightView> convs = new ArrayList<>();
        for (PrunableLayer l : engine.layers()) {
            if (l.kind() == LayerKind.CONV && l.weight().rank() >= 3 && l.weight().rank() <= 4) {
                convs.add(LayerWeights.of(l).view());
            }
        }
        CriteriaBenchmark.Result criteria = convs.isEmpty() ? null
                : CriteriaBenchmark.run(file.getFileName().toString(), convs, criteriaRepeat);
        return new Result(file, analysis.model().graph().nodes().size(), engine.layers().size(),
                engine.dependencies().prunableGroups().size(), randomised, mid == null ? null : mid.name(),
                ms(t0, t1), ms(t1, t2), ms(t2, t3), firstChange, mid == null ? 0 : percentile(times, 0.5),
                mid == null ? 0 : percentile(times, 0.9), mid == null ? 0 : percentile(cpuTimes, 0.5),
                mid == null ? 0 : percentile(cpuTimes, 0.9), mid == null ? 0 : repeat, criteria,
                basePreview.paramsBefore(), basePreview.paramsAfter(), null);
    }

    /** The middle one of the dense convs whose filters can be pruned. */
    static PrunableLayer midConv(PruneEngine engine) {
        List<PrunableLayer> candidates = engine.layers().stream()
                .filter(l -> l.kind() == LayerKind.CONV && !l.isDepthwise() && l.groups() <= 1)
                .filter(l -> engine.whyFiltersNotPrunable(l.name()).isEmpty())
                .toList();
        return candidates.isEmpty() ? null : candidates.get(candidates.size() / 2);
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }

    /** Nearest-rank percentile; q = 0.5 gives the median (mean of the middle two for an even count). */
    static double percentile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        if (q == 0.5) {
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }
        int rank = (int) Math.ceil(q * n);
        return s[Math.max(0, Math.min(n - 1, rank - 1))];
    }
}
