package io.prunescope.learn;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.LayerWeights;
import io.prunescope.prune.Preview;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.PlanException;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.prune.criteria.UnitLayout;
import io.prunescope.prune.criteria.WeightView;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Every granularity applied to one layer at one ratio, each as the engine itself decides it: a plan with only this
 * layer set (L1 scores, the magnitude rule every granularity supports) goes through {@link Workspace#decide} and
 * {@link Workspace#preview}, and the decision's removed channels, zeroed weights and removed nodes are mapped back
 * onto the layer's weight. So the picture shows exactly what an export would do, coupling included.
 *
 * <p>Layer pruning is decided over the whole model (a ratio of the removable residual blocks), so its entry sets
 * every layer to LAYER and shows whether this layer's branch is among those removed.
 */
public final class GranularityGallery {

    private final Workspace workspace;

    public GranularityGallery(Workspace workspace) {
        this.workspace = workspace;
    }

    /** One entry per granularity, in the order of {@link Granularity}. */
    public List<GalleryEntry> compute(String layerName, double ratio, CancellationToken cancel) {
        PrunableLayer layer = workspace.engine().layer(layerName)
                .orElseThrow(() -> new IllegalArgumentException("no prunable layer " + layerName));
        LayerWeights weights = LayerWeights.of(layer);
        Preview baseline = workspace.preview(workspace.emptyPlan());
        List<GalleryEntry> out = new ArrayList<>();
        for (Granularity g : Granularity.values()) {
            cancel.throwIfCancelled();
            out.add(entry(layer, weights, g, ratio, baseline));
        }
        return out;
    }

    /** One granularity only (what {@link #compute(String, double, CancellationToken)} does for each). */
    public GalleryEntry compute(String layerName, Granularity g, double ratio) {
        PrunableLayer layer = workspace.engine().layer(layerName)
                .orElseThrow(() -> new IllegalArgumentException("no prunable layer " + layerName));
        return entry(layer, LayerWeights.of(layer), g, ratio, workspace.preview(workspace.emptyPlan()));
    }

    private GalleryEntry entry(PrunableLayer layer, LayerWeights weights, Granularity g, double ratio,
                               Preview baseline) {
        WeightView view = weights.view();
        String missing = whyNot(view, g);
        if (missing != null) {
            return new GalleryEntry(g, null, 0, 0, 0, 0, 0, List.of(), missing);
        }
        PruningPlan plan = plan(layer, g, ratio);
        PruneDecision decision;
        try {
            decision = workspace.decide(plan);
        } catch (PlanException e) {
            return new GalleryEntry(g, null, 0, 0, 0, 0, 0, List.of(), e.getMessage());
        }
        Preview after = workspace.preview(decision);
        boolean[] removed = removedElements(layer, weights, g, decision);
        int[] units = unitCounts(layer, view, g, decision, removed);
        long zeroedBefore = baseline.paramsAfter() - baseline.nonzeroParamsAfter();
        long zeroed = after.paramsAfter() - after.nonzeroParamsAfter() - zeroedBefore;
        String note = String.join(" ", decision.notes());
        if (g.structured() && g != Granularity.LAYER && units[0] == 0 && ratio > 0) {
            note = (note + " " + workspace.engine().whyFiltersNotPrunable(layer.name())
                    .map(why -> "Its channels cannot be removed: " + why + ".").orElse("")).trim();
        }
        if (g == Granularity.LAYER) {
            boolean gone = decision.removedNodes().contains(layer.node().index());
            note = (note + " " + (gone ? "This layer's residual branch is among the removed."
                    : "This layer's branch stays" + (inBlock(layer) ? "." : ": it is not inside a removable "
                    + "residual branch."))).trim();
        }
        return new GalleryEntry(g, removed, units[0], units[1], baseline.paramsAfter() - after.paramsAfter(),
                baseline.macsAfter() - after.macsAfter(), Math.max(0, zeroed), neighbours(layer, decision), note);
    }

    /** Null when the granularity has units on this weight, else the reason it has none. */
    static String whyNot(WeightView view, Granularity g) {
        boolean fc = view.rank() == 2;
        if (g == Granularity.NEURON && !fc) {
            return "neurons are the output units of Gemm/MatMul; on a convolution the same unit is the filter.";
        }
        if (g == Granularity.FILTER && fc) {
            return "a fully connected layer has no filters; its output units are neurons.";
        }
        if (g != Granularity.LAYER && g != Granularity.CHANNEL && g != Granularity.NEURON && !g.appliesToRank(view.rank())) {
            return g.label() + " needs a convolution kernel; this layer is fully connected.";
        }
        return null;
    }

    private PruningPlan plan(PrunableLayer layer, Granularity g, double ratio) {
        LayerSetting setting = new LayerSetting(g, Criterion.L1, ratio, false, 2, 4);
        PruningPlan plan = workspace.emptyPlan();
        if (g == Granularity.LAYER) {
            for (PrunableLayer l : workspace.engine().layers()) {
                plan = plan.withLayer(l.name(), setting);
            }
            return plan;
        }
        return plan.withLayer(layer.name(), setting);
    }

    /** Per element of the criteria view: removed (structured) or zeroed (fine-grained) by the decision. */
    static boolean[] removedElements(PrunableLayer layer, LayerWeights weights, Granularity g, PruneDecision d) {
        WeightView view = weights.view();
        boolean[] removed = new boolean[view.size()];
        int o = view.outChannels();
        int c = view.inChannels();
        int k = view.kernelArea();
        switch (g) {
            case FILTER, NEURON -> {
                BitSet out = d.removed(layer.node().output(0));
                for (int e = 0; e < removed.length; e++) {
                    removed[e] = out.get(e / (c * k));
                }
            }
            case CHANNEL -> {
                BitSet in = d.removed(dataInput(layer));
                for (int e = 0; e < removed.length; e++) {
                    removed[e] = in.get((e / k) % c);
                }
            }
            case LAYER -> java.util.Arrays.fill(removed, d.removedNodes().contains(layer.node().index()));
            default -> {
                BitSet zeros = d.fineZeros().get(layer.name());
                if (zeros != null) {
                    for (int e = 0; e < removed.length; e++) {
                        removed[e] = zeros.get(weights.storedIndex(e));
                    }
                }
            }
        }
        return removed;
    }

    /** {removed units, total units} of the granularity on this layer. */
    private int[] unitCounts(PrunableLayer layer, WeightView view, Granularity g, PruneDecision d,
                             boolean[] removed) {
        var engineBlocks = workspace.engine().residualBlocks();
        return switch (g) {
            case FILTER, NEURON -> new int[]{d.removedCount(layer.node().output(0)), view.outChannels()};
            case CHANNEL -> new int[]{d.removedCount(dataInput(layer)), view.inChannels()};
            case LAYER -> blockCounts(engineBlocks, layer, d);
            default -> {
                UnitLayout layout = UnitLayout.of(view, g);
                int gone = 0;
                for (int u = 0; u < layout.units(); u++) {
                    if (removed[layout.start(u)] && allRemoved(layout, u, removed)) {
                        gone++;
                    }
                }
                yield new int[]{gone, layout.units()};
            }
        };
    }

    /** For LAYER the units are the model's residual blocks: {removed blocks, blocks}; this layer's is drawn. */
    private static int[] blockCounts(java.util.List<io.prunescope.prune.ResidualBlocks.Block> blocks,
                                     PrunableLayer layer, PruneDecision d) {
        int removed = 0;
        for (var b : blocks) {
            if (d.removedNodes().contains(b.add().index())) {
                removed++;
            }
        }
        return new int[]{removed, blocks.size()};
    }

    private boolean inBlock(PrunableLayer layer) {
        return workspace.engine().residualBlocks().stream()
                .anyMatch(b -> b.branch().stream().anyMatch(n -> n.index() == layer.node().index()));
    }

    private static boolean allRemoved(UnitLayout layout, int u, boolean[] removed) {
        for (int e : layout.elementIndices(u)) {
            if (!removed[e]) {
                return false;
            }
        }
        return true;
    }

    /** The tensor a layer reads its channels / features from (not the weight). */
    static String dataInput(PrunableLayer layer) {
        return layer.node().input(layer.weightInputIndex() == 0 ? 1 : 0);
    }

    /** Other layers that lose input channels or filters in this decision. */
    private List<GalleryEntry.NeighbourCut> neighbours(PrunableLayer self, PruneDecision d) {
        List<GalleryEntry.NeighbourCut> cuts = new ArrayList<>();
        for (PrunableLayer l : workspace.engine().layers()) {
            if (l == self || d.removedNodes().contains(l.node().index())) {
                continue;
            }
            BitSet rows = d.removed(l.node().output(0));
            BitSet columns = d.removed(dataInput(l));
            if (!rows.isEmpty() || !columns.isEmpty()) {
                WeightView v = LayerWeights.of(l).view();
                cuts.add(new GalleryEntry.NeighbourCut(l.name(), v.outChannels(), v.inChannels(),
                        rows.stream().toArray(), columns.stream().toArray()));
            }
        }
        return cuts;
    }
}
