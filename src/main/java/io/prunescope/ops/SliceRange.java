package io.prunescope.ops;

import io.prunescope.model.Graph;
import io.prunescope.model.Node;

/**
 * The start and step of a Slice along one axis (opset < 10 attributes or opset ≥ 10 inputs). Inputs may be constants
 * or computed from shapes (torch's {@code chunk} with a dynamic axis slices at {@code Shape → Gather → Div}): computed
 * bounds are accepted only when the Slice cuts one axis, so that the export can pin them to constants without
 * freezing any other dimension.
 */
public record SliceRange(long start, long step) {

    public static SliceRange of(Node n, int axis, long[] inShape, Graph graph,
                                java.util.function.Function<String, long[]> analysis) {
        long[] starts = n.intsAttr("starts");
        long[] axes = n.intsAttr("axes");
        long[] steps = null;
        if (starts == null) {
            starts = longs(analysis, n.input(1));
            axes = n.input(3).isEmpty() ? null : longs(analysis, n.input(3));
            steps = n.input(4).isEmpty() ? null : longs(analysis, n.input(4));
            boolean computed = !graph.isConstant(n.input(1)) || !graph.isConstant(n.input(2))
                    || (!n.input(3).isEmpty() && !graph.isConstant(n.input(3)))
                    || (!n.input(4).isEmpty() && !graph.isConstant(n.input(4)));
            if (computed && (starts == null || starts.length != 1 || longs(analysis, n.input(2)) == null)) {
                return null;
            }
            if (starts == null || (!n.input(3).isEmpty() && axes == null) || (!n.input(4).isEmpty() && steps == null)) {
                return null;
            }
        }
        for (int i = 0; i < starts.length; i++) {
            long a = axes == null ? i : axes[i];
            if (a < 0) {
                a += inShape.length;
            }
            if (a == axis) {
                long s = starts[i];
                long dim = inShape[axis];
                if (s < 0) {
                    s += dim;
                }
                s = Math.max(0, Math.min(s, dim));
                return new SliceRange(s, steps == null ? 1 : steps[i]);
            }
        }
        return new SliceRange(0, 1);
    }

    private static long[] longs(java.util.function.Function<String, long[]> values, String name) {
        return values.apply(name);
    }
}
