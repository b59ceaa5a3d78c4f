package io.prunescope.prune.criteria;

import java.util.SplittableRandom;

/**
 * One score per unit of a layer weight for a granularity and a criterion; lower scores are pruned first.
 * The entry point of the package; it only dispatches.
 */
public final class Scorer {

    private Scorer() {
    }

    /**
     * Whether {@link #scores} will succeed for these inputs, and if not, the sentence to show the user.
     * Covers the rank, the criterion × granularity table, and externally supplied scores.
     */
    public static Support availability(WeightView w, Granularity g, Criterion c, ScoreOptions opts) {
        if (!g.appliesToRank(w.rank())) {
            return Support.no(g.label() + " does not apply to a rank-" + w.rank() + " weight");
        }
        Support table = CriteriaSupport.supports(c, g);
        if (!table.supported()) {
            return table;
        }
        if (c.source() == Criterion.Source.EXTERNAL) {
            float[] external = opts.externalScores();
            if (external == null) {
                return Support.no(missingExternalReason(c));
            }
            int units = UnitLayout.of(w, g).units();
            if (external.length != units) {
                return Support.no(c.label() + " has " + external.length + " values, the layer has " + units + " units");
            }
        }
        return table;
    }

    /**
     * @throws CriterionUnavailableException when an external criterion has no values for this layer
     *                                       (BN scale on a model whose BN was folded into the conv)
     * @throws IllegalArgumentException      when the combination is not supported or the inputs do not fit
     */
    public static float[] scores(WeightView w, Granularity g, Criterion c, ScoreOptions opts) {
        if (!g.appliesToRank(w.rank())) {
            throw new IllegalArgumentException(g.label() + " does not apply to a rank-" + w.rank() + " weight");
        }
        Support table = CriteriaSupport.supports(c, g);
        if (!table.supported()) {
            throw new IllegalArgumentException(c.label() + " × " + g.label() + " is not supported: " + table.reason());
        }
        UnitLayout layout = UnitLayout.of(w, g);
        return switch (c) {
            case L1 -> NormScores.l1(w, layout);
            case L2 -> NormScores.l2(w, layout);
            case FPGM -> DistanceScores.fpgm(w, layout);
            case GEOMETRIC_MEDIAN -> DistanceScores.geometricMedian(w, layout, opts);
            case RANDOM -> random(layout.units(), opts.seed());
            case BN_SCALE, MEAN_ACTIVATION, APOZ -> external(c, layout.units(), opts);
        };
    }

    /**
     * Scores of many layers at once (a whole model), the same values as calling {@link #scores} on each: the
     * layers are spread over the cores, largest first, each computed on one thread.
     */
    public static java.util.List<float[]> scoresOfLayers(java.util.List<WeightView> layers, Granularity g, Criterion c,
                                                        ScoreOptions opts) {
        float[][] out = new float[layers.size()][];
        int[] order = java.util.stream.IntStream.range(0, layers.size()).boxed()
                .sorted((a, b) -> Long.compare(work(layers.get(b)), work(layers.get(a))))
                .mapToInt(Integer::intValue).toArray();
        Parallel.pull(order, i -> out[i] = scores(layers.get(i), g, c, opts));
        return java.util.Arrays.asList(out);
    }

    /** Pairwise work of a layer's filters: n² · d. */
    private static long work(WeightView w) {
        long n = w.shape()[0];
        return n * n * (w.size() / Math.max(1, n));
    }

    private static float[] random(int units, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] scores = new float[units];
        for (int u = 0; u < units; u++) {
            scores[u] = (float) random.nextDouble();
        }
        return scores;
    }

    private static float[] external(Criterion c, int units, ScoreOptions opts) {
        float[] raw = opts.externalScores();
        if (raw == null) {
            throw new CriterionUnavailableException(c, missingExternalReason(c));
        }
        if (raw.length != units) {
            throw new IllegalArgumentException(c.label() + " has " + raw.length + " values, the layer has "
                    + units + " units");
        }
        float[] scores = new float[units];
        for (int u = 0; u < units; u++) {
            scores[u] = c.fromExternal(raw[u]);
        }
        return scores;
    }

    private static String missingExternalReason(Criterion c) {
        if (c == Criterion.BN_SCALE) {
            return "no BatchNormalization follows this layer in the model (BN folded into the conv?), "
                    + "so there is no γ to read";
        }
        if (c == Criterion.MEAN_ACTIVATION || c == Criterion.APOZ) {
            return "no activation statistics for this layer yet: run calibration data through the model "
                    + "(Measure → activation criteria, or --calibration / --data on the command line)";
        }
        return "no measured values were supplied for this layer";
    }
}
