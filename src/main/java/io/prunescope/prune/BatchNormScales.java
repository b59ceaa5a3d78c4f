package io.prunescope.prune;

import io.prunescope.dependency.ChannelGroup;
import io.prunescope.dependency.DependencyGraph;
import io.prunescope.dependency.Member;
import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;
import io.prunescope.ops.MemberRole;

/** Network Slimming's criterion (Liu et al., ICCV 2017): |γ| of the BatchNormalization right after a layer. */
final class BatchNormScales {

    private BatchNormScales() {
    }

    /** |γ| per output channel of the BN that reads the layer's output directly, or null when there is none. */
    static float[] gammaAfter(Graph graph, Node layer, DependencyGraph deps) {
        for (Node reader : graph.consumers(layer.output(0))) {
            if (reader.opType().equals("BatchNormalization") && reader.input(0).equals(layer.output(0))) {
                Tensor gamma = graph.constants().get(reader.input(1));
                if (gamma != null) {
                    float[] g = gamma.toFloats();
                    for (int i = 0; i < g.length; i++) {
                        g[i] = Math.abs(g[i]);
                    }
                    return g;
                }
            }
        }
        return null;
    }

    static boolean hasBatchNorm(ChannelGroup g) {
        for (Member m : g.members()) {
            if (m.role() == MemberRole.FOLLOWER && m.node().opType().equals("BatchNormalization")) {
                return true;
            }
        }
        return false;
    }
}
