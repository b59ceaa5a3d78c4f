package io.prunescope.ops;

import io.prunescope.model.DataType;
import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Shapes;
import io.prunescope.model.Tensor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.prunescope.ops.ShapeMath.*;

/**
 * MatMul (and its integer forms, for shapes): a dense layer when one operand is a constant 2-D weight (in an
 * initializer or a Constant node), whose following Add with one value per output is its bias.
 */
public final class MatMulRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("MatMul", "MatMulInteger", "QLinearMatMul");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        matmul(c);
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        if (n.opType().equals("MatMul")) {
            matMul(c, n);
        } else {
            c.blockInputs(n, n.opType() + " '" + n.displayName() + "' is a quantised product PruneScope does not prune");
        }
    }

    @Override
    public long macs(Node n, Map<String, long[]> shapes) {
        if (!n.opType().equals("MatMul")) {
            return 0;
        }
        long[] a = shapes.get(n.input(0));
        long[] b = shapes.get(n.input(1));
        long[] y = shapes.get(n.output(0));
        if (a == null || b == null || y == null || a.length == 0 || b.length == 0) {
            return 0;
        }
        // output elements already include batch, M and N (1-D operands drop theirs)
        return Shapes.numel(y) * a[a.length - 1];
    }

    @Override
    public int[] weightInputs(Graph g, Node n) {
        return n.opType().equals("MatMul") ? new int[]{0, 1} : new int[0];
    }

    @Override
    public LayerSpec prunable(Graph g, Node n) {
        return n.opType().equals("MatMul") ? matmul(g, n) : null;
    }

    static void matmul(ShapeContext c) {
        boolean q = c.n.opType().equals("QLinearMatMul");
        long[] a = c.in(0);
        long[] b = c.in(q ? 3 : 1);
        long[] out = matmulShape(a, b);
        if (out == null) {
            throw c.error("operands " + c.fmt(0) + " and " + c.fmt(q ? 3 : 1) + " cannot be multiplied");
        }
        DataType t = c.n.opType().equals("MatMulInteger") ? DataType.INT32 : q ? c.type(7) : c.type(0);
        c.out(0, out, t);
    }

    static void matMul(CouplingContext c, Node n) {
        ChannelSpace in = c.space(n.input(0));
        Tensor b = c.constant(n.input(1));
        long[] outShape = c.shape(n.output(0));
        if (b == null || b.rank() != 2 || outShape == null) {
            c.blockInputs(n, "MatMul '" + n.displayName() + "' has no constant 2-D weight");
            return;
        }
        long[] inShape = c.shape(n.input(0));
        if (in != null) {
            if (inShape == null || in.axis() != inShape.length - 1) {
                c.block(in.tensor(), "MatMul '" + n.displayName() + "' reads channels on the wrong axis");
            } else {
                c.member(n, MemberRole.CONSUMER, in.tensor(), n.input(1), 0, 0);
            }
        }
        ChannelSpace out = c.newSpace(n.output(0), outShape.length - 1, (int) b.dim(1));
        c.member(n, MemberRole.PRODUCER, out.tensor(), n.input(1), 1, 0);
    }

    static LayerSpec matmul(Graph g, Node n) {
        Optional<Tensor> right = Constants.floatWeight(g, n.input(1));
        if (right.isPresent() && right.get().rank() == 2 && Constants.floatWeight(g, n.input(0)).isEmpty()) {
            long[] d = right.get().dims();
            return new LayerSpec(LayerKind.MATMUL, right.get(), 1, followingBias(g, n, d[1]), d[1], d[0], 1,
                    true);
        }
        Optional<Tensor> left = Constants.floatWeight(g, n.input(0));
        if (left.isPresent() && left.get().rank() == 2 && right.isEmpty()) {
            long[] d = left.get().dims();
            return new LayerSpec(LayerKind.MATMUL, left.get(), 0, null, d[0], d[1], 1, false);
        }
        return null;
    }

    /** The constant bias of an Add that is the MatMul's only consumer, when it has one value per output unit. */
    static String followingBias(Graph g, Node matmul, long units) {
        List<Node> readers = g.consumers(matmul.output(0));
        if (readers.size() != 1 || !readers.get(0).opType().equals("Add") || g.isGraphOutput(matmul.output(0))) {
            return null;
        }
        Node add = readers.get(0);
        String other = add.input(0).equals(matmul.output(0)) ? add.input(1) : add.input(0);
        Optional<Tensor> b = Constants.floatWeight(g, other);
        if (b.isPresent() && b.get().rank() >= 1 && b.get().numel() == units && b.get().dim(b.get().rank() - 1) == units) {
            return Constants.constantName(g, other);
        }
        return null;
    }
}
