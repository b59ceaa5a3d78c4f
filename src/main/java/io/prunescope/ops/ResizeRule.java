package io.prunescope.ops;

import io.prunescope.model.Attribute;
import io.prunescope.model.Node;
import io.prunescope.model.Shapes;

import java.util.Set;

import static io.prunescope.ops.ShapeMath.*;

/** Resize / Upsample: spatial only, so channel k in is channel k out. */
public final class ResizeRule implements OpRule {

    @Override
    public Set<String> opTypes() {
        return Set.of("Resize", "Upsample");
    }

    @Override
    public boolean shapes(ShapeContext c) {
        resize(c);
        return true;
    }

    @Override
    public void coupling(CouplingContext c, Node n) {
        c.passThrough(n, n.input(0), n.output(0));
    }

    static void resize(ShapeContext c) {
        long[] x = c.in(0);
        double[] scales = null;
        long[] sizes = null;
        if (c.n.opType().equals("Upsample") || c.opset() < 11) {
            if (c.n.attributes().get("scales") instanceof Attribute.FloatList fl) {
                scales = fl.values().stream().mapToDouble(Float::doubleValue).toArray();
            } else if (c.present(1)) {
                scales = c.val(1);
                if (scales == null) {
                    c.needValue(1);
                    return;
                }
            }
        } else {
            if (c.present(3) && Shapes.numel(c.in(3)) > 0) {
                sizes = c.longs(3);
                if (sizes == null) {
                    c.needValue(3);
                    return;
                }
            } else if (c.present(2) && Shapes.numel(c.in(2)) > 0) {
                scales = c.val(2);
                if (scales == null) {
                    c.needValue(2);
                    return;
                }
            }
        }
        long[] axes = c.n.intsAttr("axes");
        int count = sizes != null ? sizes.length : scales != null ? scales.length : -1;
        if (count < 0) {
            throw c.error("has neither scales nor sizes");
        }
        if (axes == null) {
            if (count != x.length) {
                throw c.error((sizes != null ? "sizes" : "scales") + " have " + count + " entries for input "
                        + c.fmt(0));
            }
            axes = new long[count];
            for (int i = 0; i < count; i++) {
                axes[i] = i;
            }
        }
        long[] out = x.clone();
        for (int i = 0; i < axes.length; i++) {
            int a = normAxis(c, axes[i], x.length);
            out[a] = sizes != null ? sizes[i] : (long) Math.floor(x[a] * scales[i] + 1e-9);
        }
        String policy = c.n.stringAttr("keep_aspect_ratio_policy", "stretch");
        if (sizes != null && !policy.equals("stretch")) {
            double scale = policy.equals("not_larger") ? Double.MAX_VALUE : 0;
            for (int i = 0; i < axes.length; i++) {
                int a = normAxis(c, axes[i], x.length);
                double s = (double) sizes[i] / x[a];
                scale = policy.equals("not_larger") ? Math.min(scale, s) : Math.max(scale, s);
            }
            for (long ax : axes) {
                int a = normAxis(c, ax, x.length);
                out[a] = Math.round(x[a] * scale);
            }
        }
        c.out(0, out, c.type(0));
    }
}
