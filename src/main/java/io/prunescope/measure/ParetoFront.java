package io.prunescope.measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The plans no other plan beats: a point is on the front when no other point costs at most as much and scores at
 * least as well, one of the two strictly. Cost is lower-is-better (FLOPs, latency), value higher-is-better (the
 * metric). Points with a NaN cost or value are left out.
 */
public final class ParetoFront {

    private ParetoFront() {
    }

    /** The non-dominated points, by increasing cost (and so increasing value). Equal points are kept once. */
    public static <T> List<T> of(List<T> points, ToDoubleFunction<T> cost, ToDoubleFunction<T> value) {
        List<T> sorted = new ArrayList<>();
        for (T p : points) {
            if (!Double.isNaN(cost.applyAsDouble(p)) && !Double.isNaN(value.applyAsDouble(p))) {
                sorted.add(p);
            }
        }
        // cheapest first; among equal costs the best first, so it is the one kept
        sorted.sort(Comparator.<T>comparingDouble(cost).thenComparing(Comparator.<T>comparingDouble(value).reversed()));
        List<T> front = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (T p : sorted) {
            double v = value.applyAsDouble(p);
            // costs at least as much as every point kept so far: on the front only if it scores strictly better
            if (v > best) {
                front.add(p);
                best = v;
            }
        }
        return front;
    }
}
