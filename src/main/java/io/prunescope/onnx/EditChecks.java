package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Tensor;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What {@link OnnxWriter} checks of a {@link ModelEdit} before applying it: every name and index it uses must exist in
 * the model, and rewirings must not run in a circle. Apart from the writer because these are the rules of an edit,
 * read on their own when an export is refused, while the writer is about building the new file.
 */
final class EditChecks {

    private EditChecks() {
    }

    /** Refuses edits that name things the model does not have, instead of silently writing an unchanged model. */
    static void check(GraphProto g, ModelEdit edit) {
        Set<String> replaceable = new HashSet<>();
        g.getInitializerList().forEach(t -> replaceable.add(t.getName()));
        g.getNodeList().stream().filter(OnnxWriter::isConstantNode).forEach(n -> replaceable.add(n.getOutput(0)));
        for (String name : edit.replacedTensors().keySet()) {
            if (!replaceable.contains(name)) {
                throw new IllegalArgumentException("cannot replace tensor '" + name
                        + "': the model has no initializer or Constant node of that name");
            }
        }
        Set<String> inputs = new HashSet<>();
        g.getInputList().forEach(v -> inputs.add(v.getName()));
        for (String name : edit.fixedInputShapes().keySet()) {
            if (!inputs.contains(name)) {
                throw new IllegalArgumentException("cannot fix the shape of '" + name + "': it is not a graph input");
            }
        }
        for (Integer index : edit.removedNodes()) {
            if (index < 0 || index >= g.getNodeCount()) {
                throw new IllegalArgumentException("cannot remove node " + index + ": the graph has "
                        + g.getNodeCount() + " nodes");
            }
        }
        for (Integer index : edit.attributes().keySet()) {
            if (index < 0 || index >= g.getNodeCount()) {
                throw new IllegalArgumentException("cannot set an attribute on node " + index + ": the graph has "
                        + g.getNodeCount() + " nodes");
            }
        }
        edit.rewiredInputs().keySet().forEach(from -> rewiredTarget(edit, from));
        for (Map.Entry<Integer, Map<Integer, Tensor>> e : edit.constantInputs().entrySet()) {
            if (e.getKey() < 0 || e.getKey() >= g.getNodeCount()
                    || e.getValue().keySet().stream().anyMatch(k -> k < 0 || k >= g.getNode(e.getKey()).getInputCount())) {
                throw new IllegalArgumentException("cannot set a constant input of node " + e.getKey()
                        + ": no such node or input");
            }
        }
        if (!edit.appendedInputs().isEmpty()) {
            Set<String> names = new HashSet<>(replaceable);
            g.getInputList().forEach(v -> names.add(v.getName()));
            g.getNodeList().forEach(n -> names.addAll(n.getOutputList()));
            for (Map.Entry<Integer, Tensor> e : edit.appendedInputs().entrySet()) {
                if (e.getKey() < 0 || e.getKey() >= g.getNodeCount()) {
                    throw new IllegalArgumentException("cannot append an input to node " + e.getKey() + ": the graph has "
                            + g.getNodeCount() + " nodes");
                }
                if (!names.add(e.getValue().name())) {
                    throw new IllegalArgumentException("cannot add initializer '" + e.getValue().name()
                            + "': the name is already used in the model");
                }
            }
        }
    }

    /**
     * Where a read of {@code name} goes after the edit, following chains (removing BN and then Relu rewires
     * relu_out→bn_out→conv_out); null when the tensor is not rewired.
     */
    static String rewiredTarget(ModelEdit edit, String name) {
        String to = edit.rewiredInputs().get(name);
        if (to == null) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        seen.add(name);
        while (edit.rewiredInputs().containsKey(to)) {
            if (!seen.add(to)) {
                throw new IllegalArgumentException("the edit rewires tensors in a circle through '" + to + "'");
            }
            to = edit.rewiredInputs().get(to);
        }
        return to;
    }
}
