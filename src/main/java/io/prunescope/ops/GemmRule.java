package io.prunescope.ops;

import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Shapes;
import io.prunescope.model.Tensor;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.prunescope.ops.ShapeMath.*;

/** Gemm with a constant B: a dense layer ({@code transB} decides whether rows or columns are its neurons). */
public final class GemmRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("Gemm");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        gemm(c);
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        gemm(c, n);
    }

    @Override
    public long macs(Node n, Map<String, long[]> shapes) {
        long[] a = shapes.get(n.input(0));
        long[] b = shapes.get(n.input(1));
        if (a == null || b == null || a.length != 2 || b.length != 2) {
            return 0;
        }
        boolean ta = n.intAttr("transA", 0) != 0;
        boolean tb = n.intAttr("transB", 0) != 0;
        long m = ta ? a[1] : a[0];
        long k = ta ? a[0] : a[1];
        long nn = tb ? b[0] : b[1];
        return m * nn * k;
    }

    @Override
    public int[] weightInputs(Graph g, Node n) {
        return new int[]{0, 1, 2};
    }

    @Override
    public LayerSpec prunable(Graph g, Node n) {
        return gemm(g, n);
    }

    static void gemm(ShapeContext c) {
        long[] a = c.in(0);
        long[] b = c.in(1);
        if (a.length != 2 || b.length != 2) {
            throw c.error("A " + c.fmt(0) + " and B " + c.fmt(1) + " must be matrices");
        }
        boolean ta = c.n.intAttr("transA", 0) != 0;
        boolean tb = c.n.intAttr("transB", 0) != 0;
        long m = ta ? a[1] : a[0];
        long ka = ta ? a[0] : a[1];
        long kb = tb ? b[1] : b[0];
        long n = tb ? b[0] : b[1];
        if (ka != kb) {
            throw c.error("A " + c.fmt(0) + (ta ? " (transposed)" : "") + " has " + ka + " columns but B "
                    + c.fmt(1) + (tb ? " (transposed)" : "") + " has " + kb + " rows");
        }
        long[] out = {m, n};
        if (c.present(2) && broadcast(c.in(2), out) == null) {
            throw c.error("C " + c.fmt(2) + " does not broadcast to " + Shapes.format(out));
        }
        c.out(0, out, c.type(0));
    }

    static void gemm(CouplingContext c, Node n) {
        ChannelSpace in = c.space(n.input(0));
        Tensor b = c.constant(n.input(1));
        if (b == null || b.rank() != 2 || n.intAttr("transA", 0) != 0) {
            c.blockInputs(n, "Gemm '" + n.displayName() + "' has no constant weight or transposes its input");
            return;
        }
        boolean transB = n.intAttr("transB", 0) != 0;
        int outputs = (int) (transB ? b.dim(0) : b.dim(1));
        if (in != null) {
            if (in.axis() != 1) {
                c.block(in.tensor(), "Gemm '" + n.displayName() + "' reads channels on the wrong axis");
            } else {
                c.member(n, MemberRole.CONSUMER, in.tensor(), n.input(1), transB ? 1 : 0, 0);
            }
        }
        ChannelSpace out = c.newSpace(n.output(0), 1, outputs);
        c.member(n, MemberRole.PRODUCER, out.tensor(), n.input(1), transB ? 0 : 1, 0);
        Tensor bias = n.input(2).isEmpty() ? null : c.constant(n.input(2));
        if (bias != null && bias.numel() == outputs && outputs > 1) {
            c.member(n, MemberRole.FOLLOWER, out.tensor(), n.input(2), bias.rank() - 1, 0);
        }
    }

    static LayerSpec gemm(Graph g, Node n) {
        Optional<Tensor> w = Constants.floatWeight(g, n.input(1));
        if (w.isEmpty() || w.get().rank() != 2) {
            return null;
        }
        long[] d = w.get().dims();
        boolean tb = n.intAttr("transB", 0) != 0;
        String bias = ConvRule.bias(g, n.input(2));
        return tb ? new LayerSpec(LayerKind.GEMM, w.get(), 1, bias, d[0], d[1], 1, false)
                : new LayerSpec(LayerKind.GEMM, w.get(), 1, bias, d[1], d[0], 1, true);
    }
}
