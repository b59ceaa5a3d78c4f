package io.prunescope.analysis;

import io.prunescope.model.Node;

/**
 * The model is inconsistent: a node's inputs cannot go together (a Conv whose input channels do not match its
 * weight, a Reshape to a different number of elements, operands that do not broadcast). The message names the node.
 */
public final class ShapeInferenceException extends IllegalArgumentException {

    private final transient Node node;

    public ShapeInferenceException(Node node, String message) {
        super(node.opType() + " '" + node.displayName() + "': " + message);
        this.node = node;
    }

    /** The node whose inputs do not fit together. */
    public Node node() {
        return node;
    }
}
