package io.prunescope.measure;

import io.prunescope.dependency.ChannelGroup;
import io.prunescope.model.InputBindings;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.Preview;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.runtime.AccuracyResult;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.Dataset;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.OutputFidelity;
import io.prunescope.task.Progress;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The measure package on the bundled, trained Fashion-MNIST sample (assets/). Calibration for recovery uses the
 * first 500 images of the 1000-image subset and evaluation the other 500, so the two never overlap.
 */
class FashionMeasureTest {

    private static BundledSample sample;
    private static Workspace ws;
    private static Dataset all;
    private static Dataset calibration;
    private static Dataset evaluation;
    private static final RuntimeOptions ONE_THREAD = RuntimeOptions.DEFAULT;

    @BeforeAll
    static void open() throws Exception {
        assumeTrue(BundledSample.isPresent(BundledSample.defaultAssets()), "Fashion sample not in assets/");
        sample = BundledSample.fashion(BundledSample.defaultAssets());
        ws = Workspace.open(sample.model(), InputBindings.none().withSymbol("batch", 1),
                io.prunescope.task.CancellationToken.NEVER, Progress.NONE);
        all = sample.dataset();
        calibration = Datasets.slice(all, 0, 500);
        evaluation = Datasets.slice(all, 500, 500);
    }

    private static PruningPlan fpgmEverywhere(double ratio) {
        return ws.emptyPlan().withDefaults(new LayerSetting(Granularity.FILTER, Criterion.FPGM, ratio, false, 2, 4));
    }

    @Test
    void originalAccuracyEqualsTheRecordedOne() {
        Comparison.AccuracyReport r = Comparison.accuracy(ws, ws.emptyPlan(), all, 100, ONE_THREAD,
                Progress.NONE, CancellationToken.NEVER);
        assertThat(r.original().total()).isEqualTo(1000);
        assertThat(r.original().top1()).isCloseTo(sample.recordedAccuracy(), within(0.001));
        assertThat(r.original().top5()).as("10 classes: top-5 reported").isNotNull();
        assertThat(r.pruned().top1()).as("ratio 0 changes nothing").isEqualTo(r.original().top1());
    }

    @Test
    void recoveryImprovesAccuracyAtHalfFpgm() {
        PruningPlan plan = fpgmEverywhere(0.5);
        Map<String, FloatTensor> cal = Calibration.single(ws, Datasets.inputs(calibration));
        double none = accuracy(Recovery.recover(ws, plan, cal, Recovery.Options.of(Recovery.Mode.NONE),
                Progress.NONE, CancellationToken.NEVER).model());
        Recovery.Result lsq = Recovery.recover(ws, plan, cal, Recovery.Options.of(Recovery.Mode.LSQ),
                Progress.NONE, CancellationToken.NEVER);
        double refit = accuracy(lsq.model());
        assertThat(refit).isGreaterThan(none + 0.3);
        assertThat(lsq.layers()).hasSize(9).allSatisfy(l -> assertThat(l.errorAfter()).isLessThan(l.errorBefore()));
    }

    @Test
    void biasFoldingRecoversAPrunedLayer() {
        PruningPlan plan = ws.emptyPlan().withLayer("/stage3/conv1/Conv",
                new LayerSetting(Granularity.FILTER, Criterion.L1, 0.5, false, 2, 4));
        Map<String, FloatTensor> cal = Calibration.single(ws, Datasets.inputs(calibration));
        double none = accuracy(Recovery.recover(ws, plan, cal, Recovery.Options.of(Recovery.Mode.NONE),
                Progress.NONE, CancellationToken.NEVER).model());
        Recovery.Result bias = Recovery.recover(ws, plan, cal, Recovery.Options.of(Recovery.Mode.BIAS),
                Progress.NONE, CancellationToken.NEVER);
        assertThat(bias.layers()).extracting(Recovery.LayerReport::layer).containsExactly("/stage3/conv2/Conv");
        assertThat(accuracy(bias.model())).isGreaterThan(none + 0.1);
    }

    private static double accuracy(byte[] model) {
        return Comparison.accuracy(model, evaluation, 100, ONE_THREAD, Progress.NONE, CancellationToken.NEVER)
                .top1();
    }

    @Test
    void sensitivityCurvesFallAndAreCachedAndFeedTheBudget(@TempDir Path home) {
        SensitivityCache cache = new SensitivityCache(home.resolve("cache"));
        SensitivityAnalysis analysis = new SensitivityAnalysis(ws, Criterion.L1, SensitivityAnalysis.DEFAULT_RATIOS,
                ONE_THREAD).withCache(cache);
        AtomicLong last = new AtomicLong();
        SensitivityResult r = analysis.run(Metric.accuracy(all, 250), (d, t, message) -> last.set(t == d ? d : -1),
                CancellationToken.NEVER);
        assertThat(last.get()).isEqualTo(r.groups().size() * 9L);
        assertThat(r.baseline()).isCloseTo(sample.recordedAccuracy(), within(0.001));
        assertThat(r.groups()).hasSize(ws.dependencies().prunableGroups().size()).hasSize(6);
        int steps = 0;
        int rises = 0;
        for (SensitivityResult.GroupCurve c : r.groups()) {
            assertThat(c.values()[8]).as("group %d", c.groupId()).isLessThanOrEqualTo(c.values()[0]);
            for (int i = 1; i < c.values().length; i++) {
                steps++;
                rises += c.values()[i] > c.values()[i - 1] + 0.01 ? 1 : 0;
            }
            assertThat(c.macsAfter()[8]).isLessThan(c.macsAfter()[0]);
        }
        assertThat(rises).as("mostly non-increasing").isLessThanOrEqualTo(steps / 6);
        assertThat(Files.exists(cache.file(analysis.cacheKey(Metric.accuracy(all, 250))))).isTrue();

        long t0 = System.nanoTime();
        SensitivityResult again = analysis.run(Metric.accuracy(all, 250), Progress.NONE, CancellationToken.NEVER);
        assertThat((System.nanoTime() - t0) / 1e9).as("served from the cache").isLessThan(2.0);
        assertThat(again.groups().get(0).values()).containsExactly(r.groups().get(0).values());

        BudgetPlanner.Proposal p = new BudgetPlanner(ws, r).propose(BudgetPlanner.Target.FLOPS, 0.5, Criterion.L1,
                null);
        assertThat(p.targetMet()).isTrue();
        Preview check = ws.preview(p.plan());
        assertThat(check.macReduction()).isGreaterThanOrEqualTo(0.5).isCloseTo(p.flopsReduction(), within(1e-9));
        assertThat(p.plan().layers()).isNotEmpty().hasSizeLessThanOrEqualTo(6);
        double uniform = accuracy(ws.exportBytes(uniformPlanReaching(0.5), io.prunescope.prune.ExportKind.HARD));
        double proposed = accuracy(ws.exportBytes(p.plan(), io.prunescope.prune.ExportKind.HARD));
        assertThat(proposed).as("sensitivity-guided beats uniform at the same FLOPs").isGreaterThan(uniform);

        BudgetPlanner.Proposal params = new BudgetPlanner(ws, r).propose(BudgetPlanner.Target.PARAMS, 0.3,
                Criterion.L1, null);
        assertThat(params.targetMet()).isTrue();
        assertThat(ws.preview(params.plan()).paramReduction()).isGreaterThanOrEqualTo(0.3);
    }

    /** The smallest uniform L1 ratio (in 5 % steps) that removes half the FLOPs. */
    private static PruningPlan uniformPlanReaching(double target) {
        for (double r = 0.05; r < 0.95; r += 0.05) {
            PruningPlan plan = ws.emptyPlan().withDefaults(new LayerSetting(Granularity.FILTER, Criterion.L1, r, false,
                    2, 4));
            if (ws.preview(plan).macReduction() >= target) {
                return plan;
            }
        }
        throw new AssertionError("no uniform ratio reaches " + target);
    }

    @Test
    void sensitivityCanBeCancelled() {
        CancellationToken cancel = new CancellationToken();
        SensitivityAnalysis a = new SensitivityAnalysis(ws, Criterion.L2, new double[] {0.5}, ONE_THREAD)
                .withCache(null);
        assertThatThrownBy(() -> a.run(Metric.accuracy(Datasets.limit(all, 50), 50), (d, t, message) -> cancel.cancel(),
                cancel)).isInstanceOf(CancellationException.class);
    }

    @Test
    void activationCriteriaAreMeasuredAfterTheReluAndUsableInPlans() {
        Map<String, FloatTensor> cal = Calibration.single(ws, Datasets.inputs(Datasets.limit(calibration, 200)));
        ActivationCriteria.Result r = ActivationCriteria.measureAndApply(ws, cal, 100, ONE_THREAD,
                Progress.NONE, CancellationToken.NEVER);
        ActivationCriteria.LayerActivations stage1 = r.layer("/stage1/conv1/Conv");
        assertThat(stage1.tap().activation()).isEqualTo("Relu");
        assertThat(stage1.tap().tensor()).isEqualTo("/stage1/Relu_output_0");
        assertThat(stage1.apoz()).hasSize(16);
        assertThat(java.util.Arrays.stream(stage1.apoz()).allMatch(v -> v >= 0 && v <= 1)).isTrue();
        assertThat(java.util.Arrays.stream(stage1.apoz()).max().orElseThrow()).isGreaterThan(0.1);
        ActivationCriteria.LayerActivations residual = r.layer("/stage1/conv2/Conv");
        assertThat(residual.tap().activation()).as("BN output goes into the Add, no ReLU reads it").isNull();
        assertThat(r.notes()).anyMatch(n -> n.contains("APoZ"));
        assertThat(r.samples()).isEqualTo(200);

        for (Criterion c : new Criterion[] {Criterion.APOZ, Criterion.MEAN_ACTIVATION}) {
            PruningPlan plan = ws.emptyPlan().withLayer("/stage1/conv1/Conv",
                    new LayerSetting(Granularity.FILTER, c, 0.5, false, 2, 4));
            PruneDecision d = ws.decide(plan);
            assertThat(d.notes()).isEmpty();
            int[] removed = d.removedUnits().values().iterator().next();
            assertThat(removed).hasSize(8);
            java.util.Set<Integer> gone = new java.util.HashSet<>();
            for (int u : removed) {
                gone.add(u);
            }
            double[] apoz = stage1.apoz();
            double[] mean = stage1.meanAbs();
            // every removed unit is at least as bad as every kept one
            for (int u : gone) {
                for (int k = 0; k < 16; k++) {
                    if (!gone.contains(k)) {
                        if (c == Criterion.APOZ) {
                            assertThat(apoz[u]).isGreaterThanOrEqualTo(apoz[k] - 1e-6);
                        } else {
                            assertThat(mean[u]).isLessThanOrEqualTo(mean[k] + 1e-6);
                        }
                    }
                }
            }
        }
    }

    @Test
    void latencyIsTimedSideBySideWithTheMacReduction() {
        PruningPlan plan = fpgmEverywhere(0.5);
        Map<String, FloatTensor> x = Calibration.first(Calibration.single(ws, Datasets.inputs(Datasets.limit(all, 8))),
                8);
        Comparison.LatencyReport r = Comparison.latency(ws, plan, x, 1, 2, 7, Progress.NONE,
                CancellationToken.NEVER);
        assertThat(r.threads()).isEqualTo(1);
        assertThat(r.latency().original().timedRuns()).isEqualTo(7);
        assertThat(r.latency().speedup()).isPositive();
        assertThat(r.macReduction()).isCloseTo(ws.preview(plan).macReduction(), within(1e-12)).isGreaterThan(0.5);
        assertThat(r.toString()).contains("speed-up").contains("thread");
    }

    @Test
    void fidelityOfRatioZeroIsPerfectAndOfAPruneIsNot() {
        Map<String, FloatTensor> x = Calibration.random(ws, 64, 7,
                io.prunescope.runtime.CalibrationInputs.Distribution.NORMAL);
        OutputFidelity same = Comparison.fidelity(ws, ws.emptyPlan(), x, 32, ONE_THREAD, CancellationToken.NEVER)
                .first();
        assertThat(same.cosine()).isCloseTo(1.0, within(1e-6));
        assertThat(same.top1Agreement()).isEqualTo(1.0);
        assertThat(same.maxAbsError()).isZero();
        OutputFidelity pruned = Comparison.fidelity(ws, fpgmEverywhere(0.3), x, 32, ONE_THREAD,
                CancellationToken.NEVER).first();
        assertThat(pruned.cosine()).isLessThan(1.0);
        assertThat(pruned.meanAbsError()).isPositive();
        AccuracyResult top = Comparison.accuracy(ws.originalBytes(), Datasets.limit(all, 100), 100, ONE_THREAD,
                Progress.NONE, CancellationToken.NEVER);
        assertThat(top.total()).isEqualTo(100);
    }

    @Test
    void theCacheLivesUnderPrunescopeHome(@TempDir Path home) {
        String old = System.getProperty("prunescope.home");
        System.setProperty("prunescope.home", home.toString());
        try {
            assertThat(SensitivityCache.defaultCache().dir()).isEqualTo(home.resolve("cache"));
        } finally {
            if (old == null) {
                System.clearProperty("prunescope.home");
            } else {
                System.setProperty("prunescope.home", old);
            }
        }
        ChannelGroup any = ws.dependencies().prunableGroups().get(0);
        assertThat(SensitivityAnalysis.handle(ws, any)).isPresent();
    }
}
