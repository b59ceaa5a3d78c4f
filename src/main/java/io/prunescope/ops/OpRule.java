package io.prunescope.ops;

import io.prunescope.model.Graph;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Node;

import java.util.Map;
import java.util.Set;

/**
 * Everything PruneScope knows about one op type (or a family of ops that behave alike): its output shapes, how
 * channels flow through it, its cost, whether it is a prunable layer, and how a pruning edit changes its
 * shape-bearing inputs. Shape inference, coupling, costs and the pruned-model builder all ask {@link OpRegistry};
 * an op without a rule is unknown to all of them at once. See {@code src/docs/ops.md} for how to add one.
 */
public interface OpRule {

    /** The op types (default ONNX domain) this rule covers. */
    Set<String> opTypes();

    /**
     * Records the node's output shapes (and small values) in the context. Returns false when they cannot be known
     * statically (data-dependent, or a subgraph): the outputs then go to the runtime fallback.
     *
     * @throws InconsistentNodeException via {@code c.error(...)} when the node cannot work as written
     */
    boolean shapes(ShapeContext c);

    /** How channels flow through the node (DESIGN §5): join, shift, fan out, start or block them. */
    void coupling(CouplingContext c, Node n);

    /** Multiply-accumulates of the node at the given shapes (0 for ops whose cost PruneScope does not count). */
    default long macs(Node n, Map<String, long[]> shapes) {
        return 0;
    }

    /** Inputs that hold the node's own float weights (its parameters), e.g. Conv's W and B. */
    default int[] weightInputs(Graph g, Node n) {
        return new int[0];
    }

    /** The node as a prunable layer (weight and unit layout), or null when it is not one. */
    default LayerSpec prunable(Graph g, Node n) {
        return null;
    }

    /**
     * Rewrites the node's shape-bearing inputs or attributes (split sizes, slice bounds, reshape targets) after the
     * channels in {@code e.removed()} are removed; called for the members this rule recorded in coupling.
     *
     * @throws UnsupportedOperationException with the reason, when the node cannot express the pruned shape
     */
    default void editShapeInputs(ShapeEdit e, ModelEdit edit) {
        throw new UnsupportedOperationException(e.node().opType() + " has no shape inputs to edit");
    }
}
