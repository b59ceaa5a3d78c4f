package io.prunescope.measure;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.dependency.ChannelGroup;
import io.prunescope.model.InputBindings;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The group latency model against the engine's own cost preview: with a stand-in table whose latency is exactly
 * proportional to a convolution's MACs, the predicted saving of a group must equal the conv MACs the engine says
 * pruning that group removes.
 */
class LatencyModelTest {

    @Test
    void withMacProportionalLatencyItPredictsTheEnginesConvMacSavings() throws Exception {
        Workspace ws = Workspace.open(Path.of("assets/models/fashion-resnet.onnx"), InputBindings.none(),
                CancellationToken.NEVER, Progress.NONE);
        LatencyModel model = LatencyModel.of(ws, (shape, out) -> shape.withOutChannels(out).macs() * 1e-6);
        long convMacs = 0;
        for (PrunableLayer l : ws.engine().layers()) {
            convMacs += ConvShape.of(ws, l).map(ConvShape::macs).orElse(0L);
        }
        assertThat(model.totalMs()).isCloseTo(convMacs * 1e-6, within(1e-9 * convMacs));
        int checked = 0;
        for (ChannelGroup g : ws.dependencies().prunableGroups()) {
            PrunableLayer handle = SensitivityAnalysis.handle(ws, g).orElse(null);
            boolean onlyConvConsumers = g.members().stream().allMatch(m -> !m.node().opType().equals("Gemm"));
            if (handle == null || !onlyConvConsumers) {
                continue;
            }
            assertThat(model.savedFraction(g.id(), 0)).isZero();
            double previous = 0;
            for (double r : new double[] {0.25, 0.5, 0.75}) {
                PruningPlan plan = SensitivityAnalysis.groupPlan(ws.emptyPlan(), handle, Criterion.L1, r);
                var p = ws.preview(plan);
                long saved = p.macsBefore() - p.macsAfter();
                double predicted = model.savedFraction(g.id(), r) * convMacs;
                assertThat(predicted).as("group %d at %.2f", g.id(), r).isCloseTo(saved, within(1e-6 * convMacs));
                assertThat(predicted).isGreaterThan(previous);
                previous = predicted;
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aWholeDecisionIsPredictedPerConvolutionWithoutCountingOverlapsTwice() throws Exception {
        Workspace ws = Workspace.open(Path.of("assets/models/fashion-resnet.onnx"), InputBindings.none(),
                CancellationToken.NEVER, Progress.NONE);
        LatencyModel model = LatencyModel.of(ws, (shape, out) -> shape.withOutChannels(out).macs() * 1e-6);
        PruningPlan plan = ws.emptyPlan();
        for (ChannelGroup g : ws.dependencies().prunableGroups()) {
            PrunableLayer h = SensitivityAnalysis.handle(ws, g).orElse(null);
            if (h != null) {
                plan = SensitivityAnalysis.groupPlan(plan, h, Criterion.L1, 0.4);
            }
        }
        var decision = ws.decide(plan);
        var preview = ws.preview(decision);
        long convBefore = 0;
        long convAfter = 0;
        for (var n : preview.nodes()) {
            if (n.node().opType().equals("Conv")) {
                convBefore += n.macsBefore();
                convAfter += n.macsAfter();
            }
        }
        // Convolutions that lose both filters and input channels: the saving is 1 − kept_out·kept_in, not the sum.
        assertThat(model.savedFraction(decision)).isCloseTo(1.0 - (double) convAfter / convBefore, within(1e-9));
        assertThat(model.totalMs()).isCloseTo(convBefore * 1e-6, within(1e-9 * convBefore));
    }
}
