package io.prunescope.ui.network;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.CancelledException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The layered layout on its own: layering, no overlaps, crossings, long edges, cancellation, a 3,000-node graph. */
class LayeredLayoutTest {

    private static LayeredLayout.Result layout(int n, int[] from, int[] to) {
        double[] w = new double[n];
        Arrays.fill(w, 100);
        return LayeredLayout.layout(n, from, to, w, LayeredLayout.Spacing.defaults(), CancellationToken.NEVER);
    }

    @Test
    void layersFollowTheLongestPathAndEveryEdgeGoesDown() {
        // 0 → 1 → 2 → 3, and a skip 0 → 3: 3 sits below 2, the skip gets two dummies
        LayeredLayout.Result r = layout(4, new int[]{0, 1, 2, 0}, new int[]{1, 2, 3, 3});
        assertThat(r.layer()).startsWith(0, 1, 2, 3);
        assertThat(r.edgePath()[3]).hasSize(4);
        for (int e = 0; e < 4; e++) {
            int[] path = r.edgePath()[e];
            for (int k = 0; k + 1 < path.length; k++) {
                assertThat(r.layer()[path[k + 1]]).isEqualTo(r.layer()[path[k]] + 1);
                assertThat(r.y()[path[k + 1]]).isGreaterThan(r.y()[path[k]]);
            }
        }
    }

    @Test
    void sourcesSitJustAboveTheirFirstReader() {
        // a constant-like source 4 read only by node 3 at depth 3
        LayeredLayout.Result r = layout(5, new int[]{0, 1, 2, 4}, new int[]{1, 2, 3, 3});
        assertThat(r.layer()[4]).isEqualTo(2);
    }

    @Test
    void boxesInALayerDoNotOverlapAndKeepTheirGaps() {
        ModelAnalysis a = SyntheticModels.residualChain(400);
        NetworkDiagram d = NetworkDiagram.build(a, CancellationToken.NEVER);
        LayeredLayout.Result r = d.layout();
        for (int[] row : r.layers()) {
            for (int i = 0; i + 1 < row.length; i++) {
                double right = r.x()[row[i]] + r.width()[row[i]] / 2;
                double left = r.x()[row[i + 1]] - r.width()[row[i + 1]] / 2;
                assertThat(left - right).isGreaterThanOrEqualTo(r.spacing().nodeGap() / 3 - 1e-6);
            }
        }
        for (NetworkDiagram.Box b : d.boxes()) {
            assertThat(b.left()).isGreaterThanOrEqualTo(0);
            assertThat(b.right()).isLessThanOrEqualTo(d.width());
            assertThat(b.bottom()).isLessThanOrEqualTo(d.height());
        }
    }

    @Test
    void crossingReductionUntanglesACrossedBipartiteGraph() {
        // layer 0: 0,1,2 ; layer 1: 3,4,5 with edges 0→5, 1→4, 2→3: fully crossed in file order
        LayeredLayout.Result r = layout(6, new int[]{0, 1, 2}, new int[]{5, 4, 3});
        assertThat(r.crossings()).isZero();
        int[] lower = r.layers()[1];
        assertThat(lower).containsExactly(5, 4, 3);
    }

    @Test
    void aChainIsStraight() {
        LayeredLayout.Result r = layout(5, new int[]{0, 1, 2, 3}, new int[]{1, 2, 3, 4});
        for (int v = 1; v < 5; v++) {
            assertThat(r.x()[v]).isCloseTo(r.x()[0], org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void aCycleIsBrokenInsteadOfLooping() {
        LayeredLayout.Result r = layout(3, new int[]{0, 1, 2}, new int[]{1, 2, 0});
        assertThat(r.layer()).containsExactly(0, 1, 2);
    }

    @Test
    void cancellationStopsTheLayout() {
        CancellationToken cancel = new CancellationToken();
        cancel.cancel();
        ModelAnalysis a = SyntheticModels.residualChain(100);
        assertThatThrownBy(() -> NetworkDiagram.build(a, cancel)).isInstanceOf(CancelledException.class);
    }

    @Test
    void threeThousandNodesAreLaidOut() {
        ModelAnalysis a = SyntheticModels.residualChain(3000);
        NetworkDiagram.build(a, CancellationToken.NEVER); // warm up
        long start = System.nanoTime();
        NetworkDiagram d = NetworkDiagram.build(a, CancellationToken.NEVER);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("layout of %d boxes, %d edges, %d layers: %d ms (crossings %d, %.0f × %.0f px)%n",
                d.boxes().size(), d.edges().size(), d.layerCount(), ms, d.layout().crossings(), d.width(),
                d.height());
        assertThat(d.boxes()).hasSize(a.model().graph().nodes().size() + 2);
        // compact: a long chain of residual blocks does not drift sideways
        assertThat(d.width()).isLessThan(1500);
        for (NetworkDiagram.Edge e : d.edges()) {
            assertThat(d.boxes().get(e.to()).rank()).isGreaterThan(d.boxes().get(e.from()).rank());
        }
        // the visible query touches only what is in the rectangle
        int[] seen = {0};
        d.visibleBoxes(0, 0, 800, 600, id -> seen[0]++);
        assertThat(seen[0]).isLessThan(60);
    }
}
