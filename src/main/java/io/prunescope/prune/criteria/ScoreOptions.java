package io.prunescope.prune.criteria;

/**
 * Inputs to scoring beyond the weight itself.
 *
 * @param seed                 seed for {@link Criterion#RANDOM}
 * @param externalScores       per-unit values for {@link Criterion.Source#EXTERNAL} criteria
 *                             (BN γ per output channel; later activation statistics); null when the
 *                             model has none, which makes those criteria unavailable
 * @param gmRelativeTolerance  Weiszfeld stops when a step moves the estimate by less than this times
 *                             its norm (or times the data scale when the estimate is near 0)
 * @param gmMaxIterations      Weiszfeld iteration cap
 */
public record ScoreOptions(long seed, float[] externalScores, double gmRelativeTolerance, int gmMaxIterations) {

    public static final double DEFAULT_GM_TOLERANCE = 1e-7;
    public static final int DEFAULT_GM_MAX_ITERATIONS = 1000;

    public ScoreOptions {
        if (!(gmRelativeTolerance > 0)) {
            throw new IllegalArgumentException("gmRelativeTolerance must be > 0");
        }
        if (gmMaxIterations < 1) {
            throw new IllegalArgumentException("gmMaxIterations must be >= 1");
        }
    }

    public static ScoreOptions defaults() {
        return new ScoreOptions(0L, null, DEFAULT_GM_TOLERANCE, DEFAULT_GM_MAX_ITERATIONS);
    }

    public ScoreOptions withSeed(long newSeed) {
        return new ScoreOptions(newSeed, externalScores, gmRelativeTolerance, gmMaxIterations);
    }

    public ScoreOptions withExternalScores(float[] scores) {
        return new ScoreOptions(seed, scores, gmRelativeTolerance, gmMaxIterations);
    }

    public ScoreOptions withGeometricMedianLimits(double relativeTolerance, int maxIterations) {
        return new ScoreOptions(seed, externalScores, relativeTolerance, maxIterations);
    }
}
