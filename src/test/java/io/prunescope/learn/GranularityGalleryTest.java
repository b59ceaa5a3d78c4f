package io.prunescope.learn;

import io.prunescope.prune.LayerWeights;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.prune.criteria.NmMasks;
import io.prunescope.prune.criteria.ScoreOptions;
import io.prunescope.prune.criteria.Scorer;
import io.prunescope.prune.criteria.UnitLayout;
import io.prunescope.prune.criteria.UnitMask;
import io.prunescope.prune.criteria.UnitSelection;
import io.prunescope.prune.criteria.WeightView;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gallery's masks, taken from the engine's decisions, against masks computed independently from the criteria
 * package (L1 scores + the selection rule, or the N:M rule) on the layer's own weight.
 */
class GranularityGalleryTest {

    private static final double RATIO = 0.5;

    private static Map<Granularity, GalleryEntry> gallery(String layer) throws Exception {
        List<GalleryEntry> entries = new GranularityGallery(LearnFixtures.fashion())
                .compute(layer, RATIO, CancellationToken.NEVER);
        assertThat(entries).extracting(GalleryEntry::granularity).containsExactly(Granularity.values());
        return entries.stream().collect(Collectors.toMap(GalleryEntry::granularity, Function.identity()));
    }

    private static WeightView view(String layer) throws Exception {
        Workspace ws = LearnFixtures.fashion();
        return LayerWeights.of(ws.engine().layer(layer).orElseThrow()).view();
    }

    @Test
    void fineGrainedMasksEqualTheL1SelectionOnTheLayer() throws Exception {
        Map<Granularity, GalleryEntry> g = gallery(LearnFixtures.CONV1);
        WeightView w = view(LearnFixtures.CONV1);
        for (Granularity kind : List.of(Granularity.WEIGHT, Granularity.VECTOR, Granularity.KERNEL, Granularity.SHAPE,
                Granularity.STRIPE)) {
            UnitLayout layout = UnitLayout.of(w, kind);
            UnitMask units = UnitSelection.select(Scorer.scores(w, kind, Criterion.L1, ScoreOptions.defaults()), RATIO);
            boolean[] expected = new boolean[w.size()];
            for (int u : units.prunedUnits()) {
                layout.forEachElement(u, e -> expected[e] = true);
            }
            GalleryEntry e = g.get(kind);
            assertThat(e.removed()).as(kind.name()).isEqualTo(expected);
            assertThat(e.removedUnits()).as(kind.name()).isEqualTo(units.prunedCount());
            assertThat(e.totalUnits()).isEqualTo(layout.units());
            assertThat(e.weightsZeroed()).as(kind.name()).isEqualTo(e.removedElements());
            assertThat(e.paramsSaved()).as("fine-grained keeps shapes").isZero();
            assertThat(e.macsSaved()).isZero();
        }
        GalleryEntry nm = g.get(Granularity.N_M);
        assertThat(nm.removedElements()).isEqualTo(NmMasks.twoFour(w).prunedCount()).isEqualTo(w.size() / 2);
    }

    @Test
    void filterPruningRemovesTheSmallestFiltersAndTheNextLayersInputChannels() throws Exception {
        Map<Granularity, GalleryEntry> g = gallery(LearnFixtures.CONV1);
        WeightView w = view(LearnFixtures.CONV1);
        int[] expected = UnitSelection.select(Scorer.scores(w, Granularity.FILTER, Criterion.L1,
                ScoreOptions.defaults()), RATIO).prunedUnits();
        GalleryEntry filter = g.get(Granularity.FILTER);
        assertThat(filter.removedUnits()).isEqualTo(expected.length).isEqualTo(w.outChannels() / 2);
        int perFilter = w.rowLength();
        for (int o : expected) {
            assertThat(filter.removed()[o * perFilter]).isTrue();
        }
        assertThat(filter.removedElements()).isEqualTo(expected.length * perFilter);
        // conv1 (O×C×3×3) loses O/2 filters; conv2 (O'×O×3×3) loses the same O/2 input channels;
        // bn1 loses γ and β of O/2 channels (running mean and variance are statistics, not parameters, as in torch)
        WeightView next = view(LearnFixtures.CONV2);
        long expectedParams = (long) expected.length * perFilter + (long) next.outChannels() * expected.length
                * next.kernelArea() + 2L * expected.length;
        assertThat(filter.paramsSaved()).isEqualTo(expectedParams);
        assertThat(filter.macsSaved()).isPositive();
        GalleryEntry.NeighbourCut cut = filter.neighbours().stream()
                .filter(n -> n.layer().equals(LearnFixtures.CONV2)).findFirst().orElseThrow();
        assertThat(cut.removedInputs()).containsExactly(expected);
        assertThat(g.get(Granularity.NEURON).available()).isFalse();
    }

    @Test
    void channelPruningRemovesTheProducersFilters() throws Exception {
        Map<Granularity, GalleryEntry> g = gallery(LearnFixtures.CONV2);
        GalleryEntry channel = g.get(Granularity.CHANNEL);
        WeightView w = view(LearnFixtures.CONV2);
        assertThat(channel.removedUnits()).isEqualTo(w.inChannels() / 2);
        GalleryEntry.NeighbourCut producer = channel.neighbours().stream()
                .filter(n -> n.layer().equals(LearnFixtures.CONV1)).findFirst().orElseThrow();
        assertThat(producer.removedOutputs()).hasSize(w.inChannels() / 2);
        for (int c : producer.removedOutputs()) {
            assertThat(channel.removed()[w.index(0, c, 0, 0)]).isTrue();
        }
    }

    /** A neuron of a hidden Gemm goes: a row of this weight and the matching column of the next Gemm. */
    @Test
    void neuronPruningRemovesARowHereAndAColumnInTheNextLayer() throws Exception {
        Workspace ws = Workspace.open(java.nio.file.Path.of("src/test/resources/learn/mlp.onnx"),
                io.prunescope.model.InputBindings.none(), CancellationToken.NEVER, io.prunescope.task.Progress.NONE);
        Map<Granularity, GalleryEntry> g = new GranularityGallery(ws).compute("/0/Gemm", RATIO, CancellationToken.NEVER)
                .stream().collect(Collectors.toMap(GalleryEntry::granularity, Function.identity()));
        WeightView w = LayerWeights.of(ws.engine().layer("/0/Gemm").orElseThrow()).view(); // [12][16]
        int[] expected = UnitSelection.select(Scorer.scores(w, Granularity.NEURON, Criterion.L1,
                ScoreOptions.defaults()), RATIO).prunedUnits();
        GalleryEntry neuron = g.get(Granularity.NEURON);
        assertThat(neuron.available()).isTrue();
        assertThat(neuron.removedUnits()).isEqualTo(expected.length).isEqualTo(6);
        java.util.Set<Integer> gones = java.util.Arrays.stream(expected).boxed().collect(Collectors.toSet());
        for (int o = 0; o < 12; o++) {
            boolean gone = gones.contains(o);
            assertThat(neuron.removed()[o * 16]).as("row " + o).isEqualTo(gone);
        }
        GalleryEntry.NeighbourCut next = neuron.neighbours().stream().filter(n -> n.layer().equals("/2/Gemm"))
                .findFirst().orElseThrow();
        assertThat(next.removedInputs()).containsExactly(expected);
        assertThat(next.outputs()).isEqualTo(10);
        assertThat(next.inputs()).isEqualTo(12);
        // 6 rows of 16 weights and their 6 biases here, 6 columns of the 10-row next weight
        assertThat(neuron.paramsSaved()).isEqualTo(6 * 16 + 6 + 10 * 6);
        assertThat(neuron.macsSaved()).isEqualTo(6 * 16 + 10 * 6);
        assertThat(g.get(Granularity.FILTER).available()).isFalse();
        assertThat(g.get(Granularity.KERNEL).available()).isFalse();
    }

    /**
     * Layer pruning at 50 % on the trained YOLOv5n: of its 7 residual bottlenecks floor(0.5 · 7) = 3 go; a branch conv
     * is drawn wholly removed exactly when its block is one of them.
     */
    @Test
    void layerPruningRemovesWholeBranchesOfResidualBlocks() throws Exception {
        Workspace ws = Workspace.open(java.nio.file.Path.of("assets/models/yolov5n-fashion.onnx"),
                io.prunescope.model.InputBindings.none(), CancellationToken.NEVER, io.prunescope.task.Progress.NONE);
        var blocks = ws.engine().residualBlocks();
        assertThat(blocks).hasSize(7);
        int drawnRemoved = 0;
        java.util.Set<Long> saved = new java.util.HashSet<>();
        GranularityGallery gallery = new GranularityGallery(ws);
        for (var b : blocks) {
            var conv = b.branch().stream().map(n -> ws.engine().layers().stream()
                    .filter(l -> l.node().index() == n.index()).findFirst()).flatMap(java.util.Optional::stream)
                    .findFirst().orElseThrow();
            GalleryEntry e = gallery.compute(conv.name(), Granularity.LAYER, RATIO);
            assertThat(e.removedUnits()).isEqualTo(3);
            assertThat(e.totalUnits()).isEqualTo(7);
            int size = LayerWeights.of(conv).view().size();
            assertThat(e.removedElements()).isIn(0, size);
            if (e.removedElements() == size) {
                drawnRemoved++;
                assertThat(e.note()).contains("among the removed");
            }
            saved.add(e.paramsSaved());
        }
        assertThat(drawnRemoved).isEqualTo(3);
        assertThat(saved).as("one model-wide decision, whichever layer asks").hasSize(1);
        assertThat(saved.iterator().next()).isPositive();
    }
}
