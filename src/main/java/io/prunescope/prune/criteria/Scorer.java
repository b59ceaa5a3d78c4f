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
        return KernelWarmUp.whileScoring(() -> scoresNow(w, g, c, opts));
    }

    private static float[] scoresNow(WeightView w, Granularity g, Criterion c, ScoreOptions opts) {
        check(w, g, c);
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

    private static void check(WeightView w, Granularity g, Criterion c) {
        if (!g.appliesToRank(w.rank())) {
            throw new IllegalArgumentException(g.label() + " does not apply to a rank-" + w.rank() + " weight");
        }
        Support table = CriteriaSupport.supports(c, g);
        if (!table.supported()) {
            throw new IllegalArgumentException(c.label() + " × " + g.label() + " is not supported: " + table.reason());
        }
    }

    /**
     * Scores of many layers at once (a whole model), the same values as calling {@link #scores} on each: the
     * layers are spread over the cores, largest first, each computed on one thread.
     */
    public static java.util.List<float[]> scoresOfLayers(java.util.List<WeightView> layers, Granularity g, Criterion c,
                                                        ScoreOptions opts) {
        return KernelWarmUp.whileScoring(() -> scoresOfLayersNow(layers, g, c, opts));
    }

    private static java.util.List<float[]> scoresOfLayersNow(java.util.List<WeightView> layers, Granularity g,
                                                            Criterion c, ScoreOptions opts) {
        float[][] out = new float[layers.size()][];
        if (c == Criterion.L1 || c == Criterion.L2) {
            return normsOfLayers(layers, g, c, out);
        }
        int[] order = java.util.stream.IntStream.range(0, layers.size()).boxed()
                .sorted((a, b) -> Long.compare(work(layers.get(b), c), work(layers.get(a), c)))
                .mapToInt(Integer::intValue).toArray();
        Parallel.pull(order, i -> out[i] = scoresNow(layers.get(i), g, c, opts));
        return java.util.Arrays.asList(out);
    }

    /**
     * Starts compiling the vectorised score kernels on a background thread (see {@link VectorSupport#prewarm}); call
     * it when a model starts loading, so the first scores of a fresh process do not run interpreted.
     */
    public static void prewarm() {
        VectorSupport.prewarm();
    }

    /** L1 and L2 of one layer's units in a single pass over its weight. */
    public static Norms norms(WeightView w, Granularity g) {
        check(w, g, Criterion.L1);
        return KernelWarmUp.whileScoring(() -> NormScores.both(w, UnitLayout.of(w, g)));
    }

    /** L1 and L2 of many layers (a whole model) in a single pass, spread over the cores like the norms below. */
    public static java.util.List<Norms> normsOfLayers(java.util.List<WeightView> layers, Granularity g) {
        float[][] l1 = new float[layers.size()][];
        float[][] l2 = new float[layers.size()][];
        UnitLayout[] layouts = new UnitLayout[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            check(layers.get(i), g, Criterion.L1);
            layouts[i] = UnitLayout.of(layers.get(i), g);
            l1[i] = new float[layouts[i].units()];
            l2[i] = new float[layouts[i].units()];
        }
        KernelWarmUp.whileScoring(() -> {
            inPieces(layers, layouts, p -> NormScores.fillBoth(layers.get(p[0]).data(), layouts[p[0]], l1[p[0]],
                    l2[p[0]], p[1], p[2]));
            return null;
        });
        java.util.List<Norms> out = new java.util.ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            out.add(new Norms(l1[i], l2[i]));
        }
        return out;
    }

    /** Elements per piece of {@link #normsOfLayers}: big enough to amortise a task, small enough to balance. */
    private static final int NORM_PIECE = 1 << 18;

    /**
     * The norms are one cheap pass over memory, so whole layers per thread balance poorly (the last big
     * layer runs alone): every layer is cut into pieces of about {@link #NORM_PIECE} elements (whole units),
     * and the cores pull pieces, largest layers first.
     */
    private static java.util.List<float[]> normsOfLayers(java.util.List<WeightView> layers, Granularity g,
                                                         Criterion c, float[][] out) {
        boolean squared = c == Criterion.L2;
        UnitLayout[] layouts = new UnitLayout[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            check(layers.get(i), g, c);
            layouts[i] = UnitLayout.of(layers.get(i), g);
            out[i] = new float[layouts[i].units()];
        }
        inPieces(layers, layouts, p -> NormScores.fill(layers.get(p[0]).data(), layouts[p[0]], squared, out[p[0]],
                p[1], p[2]));
        return java.util.Arrays.asList(out);
    }

    /** Runs {@code body({layer, fromUnit, toUnit})} over pieces of every layer, largest layers first. */
    private static void inPieces(java.util.List<WeightView> layers, UnitLayout[] layouts,
                                 java.util.function.Consumer<int[]> body) {
        java.util.List<int[]> pieces = new java.util.ArrayList<>(); // {layer, from, to}
        for (int i = 0; i < layers.size(); i++) {
            int units = layouts[i].units();
            int per = Math.max(1, NORM_PIECE / Math.max(1, layouts[i].unitSize()));
            for (int u = 0; u < units; u += per) {
                pieces.add(new int[] {i, u, Math.min(units, u + per)});
            }
        }
        pieces.sort((a, b) -> Integer.compare(layers.get(b[0]).size(), layers.get(a[0]).size()));
        int[] order = java.util.stream.IntStream.range(0, pieces.size()).toArray();
        Parallel.pull(order, k -> body.accept(pieces.get(k)));
    }

    /** Work of a layer's scores: its size for the norms (one pass), n² · d for the pairwise criteria. */
    private static long work(WeightView w, Criterion c) {
        if (c == Criterion.L1 || c == Criterion.L2) {
            return w.size();
        }
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
