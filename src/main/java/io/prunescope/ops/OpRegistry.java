package io.prunescope.ops;

import io.prunescope.model.Node;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one place that knows which ops PruneScope understands. Shape inference, channel coupling, costs, prunable
 * layers and the pruned-model builder all look rules up here, so an op is either known to all of them or unknown to
 * all of them, with {@link #unknownReason}.
 */
public final class OpRegistry {

    private static final Map<String, OpRule> RULES = new TreeMap<>();

    static {
        for (OpRule r : List.of(new ConvRule(), new ConvTransposeRule(), new GemmRule(), new MatMulRule(),
                new NormalizationRule(), new UnaryRule(), new BinaryRule(), new PoolRule(), new SoftmaxRule(),
                new SameShapeRule(), new ReshapeRule(), new TransposeRule(), new ConcatRule(), new SplitRule(),
                new SliceRule(), new ReduceRule(), new ResizeRule(), new PadRule(), new DataMovementRule(),
                new ShapeSourceRule(), new ControlFlowRule())) {
            for (String op : r.opTypes()) {
                OpRule previous = RULES.put(op, r);
                if (previous != null) {
                    throw new IllegalStateException(op + " has two rules: " + previous.getClass().getSimpleName()
                            + " and " + r.getClass().getSimpleName());
                }
            }
        }
    }

    private OpRegistry() {
    }

    /** The rule for the node's op, or empty for an op of another domain or one PruneScope has no rule for. */
    public static Optional<OpRule> rule(Node n) {
        return n.isStandardDomain() ? Optional.ofNullable(RULES.get(n.opType())) : Optional.empty();
    }

    /** Every op type with a rule, sorted. */
    public static Map<String, OpRule> rules() {
        return Collections.unmodifiableMap(RULES);
    }

    /** What every part of PruneScope says about a node without a rule. */
    public static String unknownReason(Node n) {
        String op = n.isStandardDomain() ? n.opType() : n.domain() + "." + n.opType();
        return op + " '" + n.displayName() + "' has no rule in PruneScope's op registry: its shapes come from the"
                + " runtime, its channels cannot be followed and its cost is not counted";
    }
}
