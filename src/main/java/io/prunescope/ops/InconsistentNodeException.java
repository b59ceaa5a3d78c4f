package io.prunescope.ops;

import io.prunescope.model.Node;

/** A rule found a node that cannot work as written (a Conv whose channels do not match its weight, ...). */
public final class InconsistentNodeException extends RuntimeException {

    private final transient Node node;

    public InconsistentNodeException(Node node, String message) {
        super(message);
        this.node = node;
    }

    public Node node() {
        return node;
    }
}
