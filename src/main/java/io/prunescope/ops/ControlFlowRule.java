package io.prunescope.ops;

import io.prunescope.model.Attribute;
import io.prunescope.model.Node;
import io.prunescope.model.Shapes;

import java.util.Set;

import static io.prunescope.ops.ShapeMath.*;

/**
 * If, Loop, Scan: their subgraphs are kept unchanged and not looked into. Shapes come from the runtime fallback;
 * every tensor they read (listed inputs and outer-scope names) is blocked.
 */
public final class ControlFlowRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("If", "Loop", "Scan");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        return false;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        controlFlow(c, n);
    }

    /**
     * If, Loop and Scan run subgraphs PruneScope does not look inside: every tensor they read, listed or from the
     * outer scope, has channels that cannot be followed into them.
     */
    static void controlFlow(CouplingContext c, Node n) {
        String why = n.opType() + " '" + n.displayName() + "' runs a subgraph PruneScope does not look inside:"
                + " channels that enter it cannot be followed";
        n.inputs().forEach(t -> c.blockAfterWalk(t, why));
        for (Attribute a : n.attributes().values()) {
            if (a instanceof Attribute.Subgraph sg) {
                sg.outerNames().forEach(t -> c.blockAfterWalk(t, why));
            }
        }
    }
}
