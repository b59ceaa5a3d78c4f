package io.prunescope.measure;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.InputBindings;
import io.prunescope.prune.ExportKind;
import io.prunescope.prune.Preview;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.Dataset;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.task.Progress;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The budget search on the Fashion sample: every figure it reports is checked against an independent evaluation of
 * the model it describes, and the two sensitivity variants against the definitions they claim.
 */
class BudgetSearchTest {

    private static final RuntimeOptions RT = RuntimeOptions.DEFAULT;
    private static final double[] RATIOS = {0.25, 0.5, 0.75};
    private static Workspace ws;
    private static Dataset evaluation;
    private static Map<String, FloatTensor> calibration;

    @BeforeAll
    static void open() throws Exception {
        assumeTrue(BundledSample.isPresent(BundledSample.defaultAssets()), "Fashion sample not in assets/");
        BundledSample sample = BundledSample.fashion(BundledSample.defaultAssets());
        ws = Workspace.open(sample.model(), InputBindings.none().withSymbol("batch", 1),
                io.prunescope.task.CancellationToken.NEVER, Progress.NONE);
        Dataset all = sample.dataset();
        evaluation = Datasets.slice(all, 500, 300);
        calibration = Calibration.single(ws, Datasets.inputs(Datasets.slice(all, 0, 200)));
    }

    private static Metric metric() {
        return Metric.accuracy(evaluation, 100);
    }

    private static double accuracy(byte[] model) {
        return Comparison.accuracy(model, evaluation, 100, RT, Progress.NONE, CancellationToken.NEVER).top1();
    }

    private static PrunableLayer handle(SensitivityResult.GroupCurve c) {
        return ws.engine().layer(c.layer()).orElseThrow();
    }

    @Test
    void curvesOnTopOfAPlanAreShiftedMarginalMeasurements() {
        SensitivityResult plain = new SensitivityAnalysis(ws, Criterion.L1, RATIOS, RT).withCache(null)
                .run(metric(), Progress.NONE, CancellationToken.NEVER);
        // a base plan with two groups at 50 %
        List<SensitivityResult.GroupCurve> g = plain.groups();
        PruningPlan base = SensitivityAnalysis.groupPlan(ws.emptyPlan(), handle(g.get(1)), Criterion.L1, 0.5);
        base = SensitivityAnalysis.groupPlan(base, handle(g.get(3)), Criterion.L1, 0.5);
        SensitivityResult onTop = new SensitivityAnalysis(ws, Criterion.L1, RATIOS, RT).withCache(null).onTopOf(base)
                .run(metric(), Progress.NONE, CancellationToken.NEVER);
        assertThat(onTop.baseline()).isEqualTo(plain.baseline());

        // group 1 at 50 % on top of the base is the base itself: the shifted value is baseline + m(base) − m(base
        // without group 1), and the MACs likewise
        SensitivityResult.GroupCurve c1 = onTop.group(g.get(1).groupId());
        PruningPlan without = base.withoutLayer(g.get(1).layer());
        double mBase = accuracy(ws.exportBytes(base, ExportKind.HARD));
        double mWithout = accuracy(ws.exportBytes(without, ExportKind.HARD));
        assertThat(c1.values()[1]).isCloseTo(plain.baseline() + mBase - mWithout, within(1e-12));
        Preview pb = ws.preview(base);
        Preview pw = ws.preview(without);
        assertThat(c1.macsAfter()[1]).isEqualTo(plain.macsBefore() - (pw.macsAfter() - pb.macsAfter()));

        // a group not in the base, at 75 %: the base plus that group, shifted by the base's own loss
        SensitivityResult.GroupCurve c0 = onTop.group(g.get(0).groupId());
        double mBoth = accuracy(ws.exportBytes(SensitivityAnalysis.groupPlan(base, handle(g.get(0)), Criterion.L1,
                0.75), ExportKind.HARD));
        assertThat(c0.values()[2]).isCloseTo(plain.baseline() + mBoth - mBase, within(1e-12));
    }

    @Test
    void recoveryAwareCurvesMeasureTheRecoveredGroup() {
        Recovery.Options lsq = Recovery.Options.of(Recovery.Mode.LSQ).withRuntime(RT);
        SensitivityAnalysis aware = new SensitivityAnalysis(ws, Criterion.L1, RATIOS, RT).withCache(null)
                .withRecovery(lsq, calibration);
        SensitivityResult r = aware.run(metric(), Progress.NONE, CancellationToken.NEVER);
        SensitivityResult plain = new SensitivityAnalysis(ws, Criterion.L1, RATIOS, RT).withCache(null)
                .run(metric(), Progress.NONE, CancellationToken.NEVER);
        assertThat(aware.cacheKey(metric())).isNotEqualTo(new SensitivityAnalysis(ws, Criterion.L1, RATIOS, RT)
                .cacheKey(metric()));

        SensitivityResult.GroupCurve c = r.groups().get(2);
        byte[] recovered = Recovery.recover(ws, SensitivityAnalysis.groupPlan(ws.emptyPlan(), handle(c), Criterion.L1,
                0.75), calibration, lsq, Progress.NONE, CancellationToken.NEVER).model();
        assertThat(c.values()[2]).isCloseTo(accuracy(recovered), within(1e-12));

        // recovery gives back loss: at 75 % the recovered curves keep more in total than the plain ones
        double sumAware = 0;
        double sumPlain = 0;
        for (int i = 0; i < r.groups().size(); i++) {
            sumAware += r.groups().get(i).values()[2];
            sumPlain += plain.groups().get(i).values()[2];
        }
        assertThat(sumAware).isGreaterThan(sumPlain);
    }

    /** Recovery-aware refinement: on-top curves measured after recovering the whole plan, shifted the same way. */
    @Test
    void recoveryAwareCurvesOnTopOfAPlanRecoverThePlan() {
        Recovery.Options bias = Recovery.Options.of(Recovery.Mode.BIAS).withRuntime(RT);
        SensitivityResult plain = new SensitivityAnalysis(ws, Criterion.L1, RATIOS, RT).withCache(null)
                .run(metric(), Progress.NONE, CancellationToken.NEVER);
        SensitivityResult.GroupCurve g1 = plain.groups().get(1);
        PruningPlan base = SensitivityAnalysis.groupPlan(ws.emptyPlan(), handle(g1), Criterion.L1, 0.5);
        base = SensitivityAnalysis.groupPlan(base, handle(plain.groups().get(4)), Criterion.L1, 0.25);
        SensitivityResult onTop = new SensitivityAnalysis(ws, Criterion.L1, RATIOS, RT).withCache(null).onTopOf(base)
                .withRecovery(bias, calibration).run(metric(), Progress.NONE, CancellationToken.NEVER);
        double mBase = accuracy(Recovery.recover(ws, base, calibration, bias, Progress.NONE, CancellationToken.NEVER)
                .model());
        double mWithout = accuracy(Recovery.recover(ws, base.withoutLayer(g1.layer()), calibration, bias,
                Progress.NONE, CancellationToken.NEVER).model());
        assertThat(onTop.group(g1.groupId()).values()[1]).isCloseTo(plain.baseline() + mBase - mWithout,
                within(1e-12));
    }

    @Test
    void everyRoundReportsWhatItsModelMeasures() {
        BudgetSearch search = new BudgetSearch(ws, metric(), calibration, RT, null);
        // tolerance below zero forces the refinement rounds to run
        BudgetSearch.Settings s = new BudgetSearch.Settings(BudgetPlanner.Target.FLOPS, 0.5, Criterion.L1, 0.9,
                RATIOS, Recovery.Options.of(Recovery.Mode.BIAS).withRuntime(RT), false, 2, -1);
        SensitivityResult curves = search.initialAnalysis(s).withCache(null)
                .run(metric(), Progress.NONE, CancellationToken.NEVER);
        List<BudgetSearch.Round> seen = new ArrayList<>();
        BudgetSearch.Outcome o = search.run(s, curves, seen::add, Progress.NONE, CancellationToken.NEVER);

        assertThat(o.rounds()).isEqualTo(seen).hasSizeBetween(2, 3);
        for (BudgetSearch.Round r : o.rounds()) {
            assertThat(r.proposal().targetMet()).isTrue();
            assertThat(ws.preview(r.proposal().plan()).macReduction()).isGreaterThanOrEqualTo(0.5);
            assertThat(r.measured()).isCloseTo(accuracy(ws.exportBytes(r.proposal().plan(), ExportKind.HARD)),
                    within(1e-12));
            assertThat(r.recovered()).isCloseTo(accuracy(r.model()), within(1e-12));
        }
        double best = o.rounds().stream().mapToDouble(BudgetSearch.Round::kept).max().orElseThrow();
        assertThat(o.chosen().kept()).isEqualTo(best);
        assertThat(o.stopReason()).isNotBlank();
        assertThat(o.rounds().get(0).summary("top1", "bias")).startsWith("round 1: FLOPs −")
                .contains("predicted").contains("measured").contains("recovered (bias)");
    }

    @Test
    void recoveryAwareAllocationNeedsARecovery() {
        assertThatThrownBy(() -> new BudgetSearch.Settings(BudgetPlanner.Target.FLOPS, 0.5, Criterion.L1, 0.9, RATIOS,
                Recovery.Options.of(Recovery.Mode.NONE), true, 1, 0.01)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recovery");
    }
}
