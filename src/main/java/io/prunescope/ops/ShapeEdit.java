package io.prunescope.ops;

import io.prunescope.model.Graph;
import io.prunescope.model.Node;

import java.util.BitSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One shape-bearing edit a pruning export asks of a rule.
 *
 * @param tensor  the channel-bearing tensor the member follows
 * @param axis    the member's axis (the channel axis, or the target position of a Reshape)
 * @param modulo  the member's modulo (for a channel shuffle's first Reshape, the number of groups)
 * @param removed the channels of {@code tensor} that go
 * @param shapes  shapes of the original model
 * @param values  small integer values: constants and what shape inference computed
 */
public record ShapeEdit(Graph graph, Node node, String tensor, int axis, int modulo, BitSet removed,
                        Map<String, long[]> shapes, Function<String, Optional<long[]>> values) {

    public Optional<long[]> knownLongs(String name) {
        return values.apply(name);
    }
}
