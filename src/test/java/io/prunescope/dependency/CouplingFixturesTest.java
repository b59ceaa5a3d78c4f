package io.prunescope.dependency;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.model.Node;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.ops.MemberRole;
import io.prunescope.testing.TestModels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The channel groups found in small PyTorch networks, each built to exercise one coupling rule of DESIGN §5
 * (src/tools/make_coupling_fixtures.py). Expected groups are read off the architectures by hand.
 */
class CouplingFixturesTest {

    private static DependencyGraph deps(String name) {
        OnnxDocument doc = TestModels.read("src/test/resources/coupling/" + name + ".onnx");
        ModelAnalysis a = TestModels.analyze(doc);
        return DependencyGraph.of(a);
    }

    private static Node node(DependencyGraph d, String name, String fixture) {
        OnnxDocument doc = TestModels.read("src/test/resources/coupling/" + fixture + ".onnx");
        return doc.model().graph().findNode(name).orElseThrow(() -> new AssertionError("no node " + name));
    }

    private static List<String> producerNames(ChannelGroup g) {
        return g.producers().stream().map(Node::displayName).toList();
    }

    @Test
    void residualAddsJoinTheStemAndBothBranchOutputsIntoOneGroup() {
        DependencyGraph d = deps("residual");
        ChannelGroup stem = d.outputGroup(node(d, "/stem/stem.0/Conv", "residual")).orElseThrow();
        assertThat(producerNames(stem)).containsExactlyInAnyOrder("/stem/stem.0/Conv", "/a2/Conv", "/b2/Conv");
        assertThat(stem.units()).hasSize(16);
        assertThat(stem.isPrunable()).isTrue();
        assertThat(stem.couplingReasons()).anyMatch(r -> r.contains("residual"));
        // a1 and b1 read the stage tensor: they are consumers of the stem group.
        assertThat(stem.members(MemberRole.CONSUMER).stream().map(m -> m.node().displayName()))
                .contains("/a1/a1.0/Conv", "/b1/b1.0/Conv", "/proj/proj.0/Conv");
        // BN vectors follow: 4 per BN of the stage (stem BN only, the branch ends have no BN).
        assertThat(stem.members(MemberRole.FOLLOWER).stream().filter(m -> m.node().opType()
                .equals("BatchNormalization"))).hasSize(4);
        // The inner branch conv a1 is a group of its own.
        ChannelGroup a1 = d.outputGroup(node(d, "/a1/a1.0/Conv", "residual")).orElseThrow();
        assertThat(producerNames(a1)).containsExactly("/a1/a1.0/Conv");
        // The classifier's output reaches the model output: not prunable, and it says why.
        ChannelGroup fc = d.outputGroup(node(d, "/fc/Gemm", "residual")).orElseThrow();
        assertThat(fc.isPrunable()).isFalse();
        assertThat(fc.whyNotPrunable()).contains("model output");
    }

    @Test
    void concatShiftsTheRightBranchByTheLeftBranchWidth() {
        DependencyGraph d = deps("concat");
        ChannelGroup g = d.outputGroup(node(d, "/left/left.0/Conv", "concat")).orElseThrow();
        assertThat(producerNames(g)).containsExactlyInAnyOrder("/left/left.0/Conv", "/right/right.0/Conv");
        assertThat(g.units()).hasSize(12 + 20);
        String concatOut = node(d, "/Concat", "concat").output(0);
        String rightOut = node(d, "/right/right.0/Conv", "concat").output(0);
        ChannelUnit unit = g.units().stream().filter(u -> u.channelIn(rightOut) == 3).findFirst().orElseThrow();
        assertThat(unit.channelIn(concatOut)).isEqualTo(12 + 3);
    }

    @Test
    void flattenFansEachChannelOutToSixteenFeaturesOfTheLinear() {
        DependencyGraph d = deps("flatten");
        ChannelGroup g = d.outputGroup(node(d, "/c2/c2.0/Conv", "flatten")).orElseThrow();
        assertThat(g.units()).hasSize(12);
        String flat = node(d, "/Flatten", "flatten").output(0);
        for (ChannelUnit u : g.units()) {
            long features = java.util.Arrays.stream(u.tensors()).filter(flat::equals).count();
            assertThat(features).isEqualTo(16);
        }
        ChannelUnit five = g.units().stream()
                .filter(u -> u.channelIn(node(d, "/c2/c2.0/Conv", "flatten").output(0)) == 5).findFirst().orElseThrow();
        assertThat(five.channelIn(flat)).isEqualTo(5 * 16);
    }

    @Test
    void depthwiseConvKeepsChannelKAsChannelK() {
        DependencyGraph d = deps("mobile_block");
        ChannelGroup expand = d.outputGroup(node(d, "/expand/expand.0/Conv", "mobile_block")).orElseThrow();
        assertThat(expand.members(MemberRole.DEPTHWISE)).hasSize(1);
        assertThat(expand.units()).hasSize(48);
        assertThat(expand.couplingReasons()).anyMatch(r -> r.contains("depthwise"));
        ChannelGroup stem = d.outputGroup(node(d, "/stem/stem.0/Conv", "mobile_block")).orElseThrow();
        assertThat(producerNames(stem)).contains("/project/project.0/Conv");
    }

    @Test
    void squeezeExcitationGateIsCoupledWithTheFeatureMap() {
        DependencyGraph d = deps("squeeze_excite");
        ChannelGroup g = d.outputGroup(node(d, "/stem/stem.0/Conv", "squeeze_excite")).orElseThrow();
        assertThat(producerNames(g)).containsExactlyInAnyOrder("/stem/stem.0/Conv", "/se2/Conv");
        assertThat(g.couplingReasons()).anyMatch(r -> r.contains("Mul"));
        ChannelGroup se1 = d.outputGroup(node(d, "/se1/Conv", "squeeze_excite")).orElseThrow();
        assertThat(se1.units()).hasSize(6);
        assertThat(se1.isPrunable()).isTrue();
    }

    @Test
    void splitAndSliceMapChannelsBackToTheirSource() {
        DependencyGraph d = deps("split");
        ChannelGroup stem = d.outputGroup(node(d, "/stem/stem.0/Conv", "split")).orElseThrow();
        assertThat(stem.units()).hasSize(24);
        assertThat(stem.members(MemberRole.SPLIT)).hasSize(1);
        ChannelGroup cat = d.outputGroup(node(d, "/a/a.0/Conv", "split")).orElseThrow();
        assertThat(cat.members(MemberRole.SLICE)).hasSize(1);
        String sliceOut = node(d, "/Slice", "split").output(0);
        String bOut = node(d, "/b/b.0/Conv", "split").output(0);
        // y = cat(a, b): y[:, 4:10] is a's channels 4..7 and b's channels 0..1.
        ChannelUnit b1 = cat.units().stream().filter(u -> u.channelIn(bOut) == 1).findFirst().orElseThrow();
        assertThat(b1.channelIn(sliceOut)).isEqualTo(5);
    }

    @Test
    void groupedConvPrunesTheSameIndexInEveryGroup() {
        DependencyGraph d = deps("grouped");
        ChannelGroup out = d.outputGroup(node(d, "/g/g.0/Conv", "grouped")).orElseThrow();
        assertThat(out.units()).hasSize(32 / 4);
        assertThat(out.units().get(0).channels()).hasSizeGreaterThanOrEqualTo(4);
        ChannelGroup in = d.outputGroup(node(d, "/stem/stem.0/Conv", "grouped")).orElseThrow();
        assertThat(in.units()).hasSize(16 / 4);
    }

    @Test
    void channelShuffleMovesChannelJOfEveryGroupTogether() {
        // reshape to [N, 4, 4, H, W], transpose 1 and 2, reshape back: output channel j·4+i is input channel i·4+j.
        DependencyGraph d = deps("shuffle");
        ChannelGroup g = d.outputGroup(node(d, "/stem/stem.0/Conv", "shuffle")).orElseThrow();
        assertThat(g.isPrunable()).isTrue();
        assertThat(g.couplingReasons()).anyMatch(r -> r.contains("channel shuffle (4 groups)"));
        assertThat(g.units()).hasSize(4);
        String stemOut = node(d, "/stem/stem.2/Relu", "shuffle").output(0);
        Node after = node(d, "/after/after.0/Conv", "shuffle");
        for (ChannelUnit u : g.units()) {
            java.util.List<Integer> in = new java.util.ArrayList<>();
            java.util.List<Integer> out = new java.util.ArrayList<>();
            for (int i = 0; i < u.tensors().length; i++) {
                if (u.tensors()[i].equals(stemOut)) {
                    in.add(u.channels()[i]);
                } else if (u.tensors()[i].equals(after.input(0))) {
                    out.add(u.channels()[i]);
                }
            }
            int j = in.stream().mapToInt(Integer::intValue).min().orElseThrow();
            assertThat(in).containsExactlyInAnyOrder(j, j + 4, j + 8, j + 12);
            assertThat(out).containsExactlyInAnyOrder(4 * j, 4 * j + 1, 4 * j + 2, 4 * j + 3);
        }
    }
}
