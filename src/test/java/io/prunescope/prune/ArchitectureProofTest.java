package io.prunescope.prune;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.dependency.ChannelGroup;
import io.prunescope.dependency.DependencyGraph;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Architectures that real exporters write and that once broke the export (issue 9; built by
 * src/tools/make_architecture_fixtures.py): FPGM at 30 % of the filters of every layer must export proven by the
 * masked-consumer oracle, with some parameters actually removed.
 */
class ArchitectureProofTest {

    static final String DIR = "src/test/resources/architectures/";

    @ParameterizedTest
    @ValueSource(strings = {"shuffle2", "shuffle3", "convnext17", "convnext13", "squeezenet", "matmul_flatten",
            "matmul_reshape", "matmul_fixed", "split_groups", "control_flow", "tv_squeezenet1_1.gz",
            "tv_squeezenet1_0.gz", "tv_shufflenet_v2_x0_5.gz"})
    void fpgmThirtyPercentOnEveryLayerExportsProven(String fixture) {
        // The torchvision networks are committed as structure only (zero weights, gzipped): give them weights.
        OnnxDocument doc = fixture.endsWith(".gz")
                ? TestModels.withRandomWeights(TestModels.read(DIR + fixture.replace(".gz", ".onnx.gz")), 9)
                : TestModels.read(DIR + fixture + ".onnx");
        ModelAnalysis a = TestModels.analyze(doc);
        DependencyGraph d = DependencyGraph.of(a);
        // Every group that does not prune says why, and only the reasons these architectures call for appear.
        for (ChannelGroup g : d.groups()) {
            if (!g.isPrunable()) {
                assertThat(g.whyNotPrunable()).as(fixture + " group " + g.id()).containsAnyOf("model output",
                        "normalises over the channel axis", "reduces across channels", "runs a subgraph");
            }
        }
        assertThat(d.prunableGroups()).as(fixture).isNotEmpty();
        PruningPlan plan = PruningPlan.empty(doc.model().sha256(), fixture)
                .withDefaults(new LayerSetting(Granularity.FILTER, Criterion.FPGM, 0.3, false, 2, 4));
        VerificationReport r = ExportProofSupport.prove(doc, a, plan);
        assertThat(r.preview().paramsAfter()).isLessThan(r.preview().paramsBefore());
    }

    private static DependencyGraph deps(String fixture) {
        return DependencyGraph.of(TestModels.analyze(TestModels.read(DIR + fixture + ".onnx")));
    }

    private static ChannelGroup groupOf(DependencyGraph d, String fixture, String layer) {
        OnnxDocument doc = TestModels.read(DIR + fixture + ".onnx");
        return d.outputGroup(doc.model().graph().findNode(layer).orElseThrow()).orElseThrow();
    }

    @Test
    void anIfBetweenBatchNormAndTheNextConvBlocksTheGroupItReads() {
        DependencyGraph d = deps("control_flow");
        ChannelGroup bn = groupOf(d, "control_flow", "conv1");
        assertThat(bn.isPrunable()).isFalse();
        assertThat(bn.whyNotPrunable()).contains("If 'if1' runs a subgraph");
        assertThat(groupOf(d, "control_flow", "conv2").isPrunable()).isTrue();
    }

    @Test
    void layerNormOverChannelsBlocksTheResidualStreamButNotTheMlp() {
        for (String fixture : new String[]{"convnext17", "convnext13"}) {
            DependencyGraph d = deps(fixture);
            ChannelGroup stream = groupOf(d, fixture, "/b3/dw/Conv");
            assertThat(stream.isPrunable()).isFalse();
            assertThat(stream.whyNotPrunable()).containsAnyOf("normalises over the channel axis",
                    "reduces across channels");
            assertThat(groupOf(d, fixture, "/b3/pw1/MatMul").isPrunable()).as(fixture).isTrue();
        }
    }

    @Test
    void shuffleAndSplitGroupsArePrunableAcrossTheShuffle() {
        for (String fixture : new String[]{"shuffle2", "shuffle3"}) {
            DependencyGraph d = deps(fixture);
            ChannelGroup g = groupOf(d, fixture, "/stem/stem.0/Conv");
            assertThat(g.isPrunable()).as(fixture).isTrue();
            assertThat(g.producers().stream().map(n -> n.displayName()))
                    .contains("/u2/branch/branch.2/branch.2.0/Conv", "/dw/dw.0/Conv", "/gc/gc.0/Conv");
        }
        assertThat(groupOf(deps("split_groups"), "split_groups", "/g4/g4.0/Conv").isPrunable()).isTrue();
    }
}
