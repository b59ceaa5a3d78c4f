package io.prunescope.dependency;

import io.prunescope.model.Node;

/** Why two tensors share channels: the node that joins them and a reason a person understands. */
public record Coupling(Node node, String reason) {
}
