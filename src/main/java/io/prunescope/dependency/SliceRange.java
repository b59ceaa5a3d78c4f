package io.prunescope.dependency;

import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;

/** The constant start and step of a Slice along one axis (opset < 10 attributes or opset ≥ 10 inputs). */
record SliceRange(long start, long step) {

    static SliceRange of(Node n, int axis, long[] inShape, Graph graph) {
        long[] starts = n.intsAttr("starts");
        long[] axes = n.intsAttr("axes");
        long[] steps = null;
        if (starts == null) {
            starts = longs(graph, n.input(1));
            axes = n.input(3).isEmpty() ? null : longs(graph, n.input(3));
            steps = n.input(4).isEmpty() ? null : longs(graph, n.input(4));
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

    private static long[] longs(Graph graph, String name) {
        Tensor t = graph.constants().get(name);
        return t == null ? null : t.toLongs();
    }
}
