package io.prunescope.prune;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.dependency.ChannelGroup;
import io.prunescope.dependency.Member;
import io.prunescope.model.Attribute;
import io.prunescope.model.Graph;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;
import io.prunescope.ops.MemberRole;
import io.prunescope.ops.OpRegistry;
import io.prunescope.ops.OpRule;
import io.prunescope.ops.ShapeEdit;

import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link PruneDecision} as a {@link ModelEdit}: which constants shrink or get zeros, which attributes change,
 * which nodes go. The ONNX writer applies it to the original file, keeping everything else.
 */
public final class PrunedModelBuilder {

    private final PruneEngine engine;
    private final Graph graph;

    public PrunedModelBuilder(PruneEngine engine) {
        this.engine = engine;
        this.graph = engine.analysis().model().graph();
    }

    public ModelEdit build(PruneDecision decision, ExportKind kind) {
        Map<String, Tensor> edited = new LinkedHashMap<>();
        // Fine-grained zeros first, on the original layout: structural slicing afterwards keeps them in place.
        for (Map.Entry<String, BitSet> e : decision.fineZeros().entrySet()) {
            PrunableLayer l = engine.layer(e.getKey()).orElseThrow();
            String w = l.node().input(l.weightInputIndex());
            edited.put(w, TensorEdits.zeroElements(current(edited, w), e.getValue()));
        }
        Map<String, Map<Integer, BitSet>> removals = new LinkedHashMap<>();
        ModelEdit edit = new ModelEdit();
        for (ChannelGroup g : engine.dependencies().groups()) {
            if (!decision.removedUnits().containsKey(g.id())) {
                continue;
            }
            for (Member m : g.members()) {
                BitSet channels = decision.removedChannels().get(m.tensor());
                if (channels == null || channels.isEmpty() || decision.removedNodes().contains(m.node().index())) {
                    continue;
                }
                apply(m, channels, kind, removals, edit);
            }
        }
        for (Map.Entry<String, Map<Integer, BitSet>> e : removals.entrySet()) {
            int at = e.getKey().indexOf(OWN_COPY);
            if (at >= 0) {
                ownCopy(e.getKey().substring(0, at), Integer.parseInt(e.getKey().substring(at + OWN_COPY.length())),
                        current(edited, e.getKey().substring(0, at)), e.getValue(), kind, edit);
                continue;
            }
            Tensor t = current(edited, e.getKey());
            if (kind == ExportKind.HARD) {
                t = TensorEdits.remove(t, e.getValue());
            } else {
                for (Map.Entry<Integer, BitSet> axis : e.getValue().entrySet()) {
                    t = TensorEdits.zeroAlong(t, axis.getKey(), axis.getValue());
                }
            }
            edited.put(e.getKey(), t);
        }
        edited.values().forEach(edit::replaceTensor);
        // Removed residual branches change what the model computes, so every kind (and the oracle) drops them.
        decision.removedNodes().forEach(edit::removeNode);
        decision.rewires().forEach(edit::rewire);
        if (kind == ExportKind.HARD && decision.isStructured()) {
            edit.dropIntermediateShapes();
        }
        return edit;
    }

    /**
     * Exporters share one initializer between nodes when the values are equal (torch merges the zero biases of a
     * freshly initialised network: every conv of torchvision's SqueezeNet reads one bias). Sliced for one reader, it
     * would no longer fit the others, so a shared constant is edited in a copy that only this node reads.
     */
    private String removalKey(Member m) {
        String c = m.constant();
        boolean shared = !graph.isConstant(c) || graph.consumers(c).size() > 1 || graph.isGraphOutput(c)
                || m.node().inputs().stream().filter(c::equals).count() > 1;
        return shared ? c + OWN_COPY + m.node().index() : c;
    }

    private static final String OWN_COPY = "\0own-copy-for-node:";

    private void ownCopy(String constant, int nodeIndex, Tensor original, Map<Integer, BitSet> removed,
                                ExportKind kind, ModelEdit edit) {
        Tensor t = original;
        if (kind == ExportKind.HARD) {
            t = TensorEdits.remove(t, removed);
        } else {
            for (Map.Entry<Integer, BitSet> axis : removed.entrySet()) {
                t = TensorEdits.zeroAlong(t, axis.getKey(), axis.getValue());
            }
        }
        List<String> inputs = graph.node(nodeIndex).inputs();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).equals(constant)) {
                edit.setConstantInput(nodeIndex, i, t.renamed("prunescope_" + nodeIndex + "_" + i + "_" + constant));
            }
        }
    }

    private void apply(Member m, BitSet channels, ExportKind kind, Map<String, Map<Integer, BitSet>> removals,
                       ModelEdit edit) {
        switch (m.role()) {
            case PRODUCER, FOLLOWER -> {
                if (kind == ExportKind.HARD || (kind == ExportKind.SOFT && m.role() == MemberRole.PRODUCER)
                        || (kind == ExportKind.SOFT && isBias(m))) {
                    mark(removals, removalKey(m), m.axis(), mapped(m, channels));
                }
            }
            case CONSUMER -> mark(removals, removalKey(m), m.axis(), mapped(m, channels));
            case DEPTHWISE -> {
                if (kind != ExportKind.MASKED_CONSUMER) {
                    mark(removals, removalKey(m), 0, channels);
                }
                if (kind == ExportKind.HARD) {
                    long total = current(Map.of(), m.constant()).dim(0);
                    edit.setAttribute(m.node().index(), "group",
                            new Attribute.IntValue(total - channels.cardinality()));
                }
            }
            case SPLIT, SLICE, RESHAPE -> {
                if (kind == ExportKind.HARD) {
                    editShapeInputs(m, channels, edit);
                }
            }
            default -> throw new IllegalStateException("unknown member role " + m.role());
        }
    }

    /** Split sizes, slice bounds and reshape targets: the node's op rule knows how its inputs express them. */
    private void editShapeInputs(Member m, BitSet channels, ModelEdit edit) {
        OpRule rule = OpRegistry.rule(m.node()).orElseThrow(() -> new PlanException(OpRegistry.unknownReason(m.node())));
        ShapeEdit request = new ShapeEdit(graph, m.node(), m.tensor(), m.axis(), m.modulo(), channels,
                engine.analysis().shapes(), engine.analysis()::knownLongs);
        try {
            rule.editShapeInputs(request, edit);
        } catch (UnsupportedOperationException e) {
            throw new PlanException(e.getMessage());
        }
    }

    /** A producer's own bias follows its filter in the soft export, so a zeroed filter really emits zero. */
    private static boolean isBias(Member m) {
        Node n = m.node();
        return (n.opType().equals("Conv") || n.opType().equals("ConvTranspose") || n.opType().equals("Gemm"))
                && m.constant().equals(n.input(2));
    }

    private static BitSet mapped(Member m, BitSet channels) {
        if (m.modulo() == 0) {
            return channels;
        }
        BitSet out = new BitSet();
        for (int c = channels.nextSetBit(0); c >= 0; c = channels.nextSetBit(c + 1)) {
            out.set(m.weightIndex(c));
        }
        return out;
    }

    private static void mark(Map<String, Map<Integer, BitSet>> removals, String constant, int axis, BitSet idx) {
        removals.computeIfAbsent(constant, k -> new HashMap<>()).computeIfAbsent(axis, k -> new BitSet()).or(idx);
    }

    /** The constant's value so far: edited, or as the model stores it (read through Identity when shared so). */
    private Tensor current(Map<String, Tensor> edited, String name) {
        Tensor t = edited.get(name);
        return t != null ? t : io.prunescope.analysis.Weights.resolve(graph, name).orElseThrow();
    }

    /** Names of constants the hard export changes; used by verification to list shapes before and after. */
    public static List<String> changedConstants(ModelEdit edit) {
        return List.copyOf(edit.replacedTensors().keySet());
    }
}
