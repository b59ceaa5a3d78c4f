package io.prunescope.prune;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.NodeCost;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;
import io.prunescope.ops.LayerKind;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Costs after a decision, following coupling: a conv loses MACs both for the filters it drops and for the input
 * channels its producer dropped. Linear in the number of nodes plus fine-grained zeros, with no weight decoding.
 */
public final class CostPreview {

    private final PruneEngine engine;
    private final ModelAnalysis analysis;
    private final Graph graph;

    public CostPreview(PruneEngine engine) {
        this.engine = engine;
        this.analysis = engine.analysis();
        this.graph = analysis.model().graph();
    }

    public Preview compute(PruneDecision d) {
        List<NodePreview> out = new ArrayList<>(analysis.costs().size());
        long pb = 0;
        long pa = 0;
        long nz = 0;
        long mb = 0;
        long ma = 0;
        for (NodeCost c : analysis.costs()) {
            NodePreview p = node(c, d);
            out.add(p);
            pb += p.paramsBefore();
            pa += p.paramsAfter();
            nz += p.nonzeroParamsAfter();
            mb += p.macsBefore();
            ma += p.macsAfter();
        }
        return new Preview(out, pb, pa, nz, mb, ma);
    }

    private NodePreview node(NodeCost c, PruneDecision d) {
        Node n = c.node();
        if (d.removedNodes().contains(n.index())) {
            return new NodePreview(n, c.params(), 0, 0, c.macs(), 0);
        }
        if (c.params() == 0 && c.macs() == 0) {
            return new NodePreview(n, 0, 0, 0, 0, 0);
        }
        PrunableLayer layer = engine.layer(n.displayName()).filter(l -> l.node().index() == n.index()).orElse(null);
        if (layer == null) {
            // Per-channel parameters (BatchNormalization, norms, PRelu) shrink with their channels.
            double kept = keptFraction(n.output(0), d);
            long after = Math.round(c.params() * kept);
            return new NodePreview(n, c.params(), after, after, c.macs(), Math.round(c.macs() * kept));
        }
        Tensor w = layer.weight();
        long d0 = w.dim(0);
        long d1 = w.dim(1);
        long kernel = w.numel() / (d0 * d1);
        long outRemoved = d.removedCount(n.output(0));
        long inRemoved = d.removedCount(n.input(0));
        long out = layer.outputUnits() - outRemoved;
        long groups = Math.max(1, layer.groups());
        double outFrac = layer.outputUnits() == 0 ? 1 : (double) out / layer.outputUnits();
        double inFrac;
        long weightAfter;
        switch (layer.kind()) {
            case CONV -> {
                if (layer.isDepthwise()) {
                    weightAfter = out * d1 * kernel;
                    inFrac = 1;
                } else {
                    long inPerGroup = d1 - inRemoved / groups;
                    weightAfter = out * inPerGroup * kernel;
                    inFrac = (double) inPerGroup / d1;
                }
            }
            case CONV_TRANSPOSE -> {
                long in = d0 - inRemoved;
                weightAfter = in * (d1 - outRemoved) * kernel;
                inFrac = (double) in / d0;
            }
            default -> {
                long in = layer.inputUnits() - inRemoved;
                weightAfter = in * out;
                inFrac = layer.inputUnits() == 0 ? 1 : (double) in / layer.inputUnits();
            }
        }
        long otherParams = c.params() - w.numel();
        long biasAfter = Math.round(otherParams * outFrac);
        long paramsAfter = weightAfter + biasAfter;
        long zeros = keptZeros(layer, d);
        long macsAfter = Math.round(c.macs() * outFrac * inFrac);
        return new NodePreview(n, c.params(), paramsAfter, paramsAfter - zeros, c.macs(), macsAfter);
    }

    private double keptFraction(String tensor, PruneDecision d) {
        return engine.dependencies().space(tensor)
                .map(s -> s.channels() == 0 ? 1.0 : (double) (s.channels() - d.removedCount(tensor)) / s.channels())
                .orElse(1.0);
    }

    /** Fine-grained zeros that survive structural removal (zeros inside removed filters are gone anyway). */
    private long keptZeros(PrunableLayer layer, PruneDecision d) {
        BitSet zeros = d.fineZeros().get(layer.name());
        if (zeros == null) {
            return 0;
        }
        Tensor w = layer.weight();
        long d0 = w.dim(0);
        long d1 = w.dim(1);
        long kernel = w.numel() / (d0 * d1);
        BitSet removed0;
        BitSet removed1;
        switch (layer.kind()) {
            case CONV -> {
                removed0 = d.removed(layer.node().output(0));
                removed1 = layer.isDepthwise() ? new BitSet() : modulo(d.removed(layer.node().input(0)), (int) d1);
            }
            case CONV_TRANSPOSE -> {
                removed0 = d.removed(layer.node().input(0));
                removed1 = d.removed(layer.node().output(0));
            }
            default -> {
                BitSet in = d.removed(layer.node().input(0));
                BitSet outB = d.removed(layer.node().output(0));
                removed0 = layer.transposed() || layer.kind() == io.prunescope.ops.LayerKind.MATMUL ? in : outB;
                removed1 = removed0 == in ? outB : in;
            }
        }
        if (removed0.isEmpty() && removed1.isEmpty()) {
            return zeros.cardinality();
        }
        long count = 0;
        for (int i = zeros.nextSetBit(0); i >= 0; i = zeros.nextSetBit(i + 1)) {
            long i0 = i / (d1 * kernel);
            long i1 = (i / kernel) % d1;
            if (!removed0.get((int) i0) && !removed1.get((int) i1)) {
                count++;
            }
        }
        return count;
    }

    private static BitSet modulo(BitSet b, int m) {
        BitSet out = new BitSet();
        for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) {
            out.set(i % m);
        }
        return out;
    }
}
