package io.prunescope.prune.criteria;

/**
 * The geometric median of a layer's filters (or FC rows) as a point, the same point from which
 * {@link Criterion#GEOMETRIC_MEDIAN} measures its distances. The Learn view marks it in the projection of the
 * filters; exposing the engine's own point (rather than recomputing it elsewhere) keeps the picture and the
 * scores from ever disagreeing.
 */
public final class GeometricMedianPoint {

    private GeometricMedianPoint() {
    }

    /** x* = argmin_x Σ_k ||x − F_k||₂ over the rows F_k of {@code w} (each filter flattened), length C·kh·kw. */
    public static double[] ofRows(WeightView w, ScoreOptions opts) {
        int n = w.outChannels();
        int d = w.rowLength();
        return GeometricMedian.median(w.data(), n, d, opts.gmRelativeTolerance(), opts.gmMaxIterations(), false);
    }
}
