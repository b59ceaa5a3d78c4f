package io.prunescope.prune.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vectorised norms ({@link DotProducts.Lanes}) against a plain double computation, on awkward lengths. */
class FastNormsTest {

    private static final int[] LENGTHS = {1, 15, 16, 17, 127, 128, 129, 255, 511, 512, 576, 2047, 2048, 2049, 4608, 4609};

    private static float[] random(SplittableRandom r, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return x;
    }

    private static double plain(float[] x, int off, int len, boolean squared) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            double v = x[off + i];
            s += squared ? v * v : Math.abs(v);
        }
        return s;
    }

    @Test
    void lanesMatchPlainDoubleSums() {
        SplittableRandom r = new SplittableRandom(7);
        DotProducts.Lanes lanes = new DotProducts.Lanes();
        for (int len : LENGTHS) {
            for (int off : new int[] {0, 1, 3, 16, 37}) {
                float[] x = random(r, off + len + 5, 1e-3 + r.nextDouble() * 10);
                for (boolean squared : new boolean[] {false, true}) {
                    double expected = plain(x, off, len, squared);
                    double fast = lanes.sum(x, off, len, squared);
                    assertThat(Math.abs(fast - expected)).as("len %d off %d squared %b", len, off, squared)
                            .isLessThanOrEqualTo(1e-6 * expected);
                    double statik = squared ? DotProducts.squaredNorm(x, off, len) : DotProducts.absSum(x, off, len);
                    assertThat(Math.abs(statik - expected)).isLessThanOrEqualTo(1e-6 * expected);
                }
            }
        }
    }

    @Test
    void filterNormsMatchPlainDoubleOnAwkwardRowLengths() {
        SplittableRandom r = new SplittableRandom(11);
        for (int d : LENGTHS) {
            int n = 7;
            float[] data = random(r, n * d, 0.05);
            WeightView w = WeightView.of(data, n, d);
            float[] l1 = Scorer.scores(w, Granularity.NEURON, Criterion.L1, ScoreOptions.defaults());
            float[] l2 = Scorer.scores(w, Granularity.NEURON, Criterion.L2, ScoreOptions.defaults());
            for (int u = 0; u < n; u++) {
                double e1 = plain(data, u * d, d, false);
                double e2 = Math.sqrt(plain(data, u * d, d, true));
                assertThat(Math.abs(l1[u] - e1)).as("L1 d %d", d).isLessThanOrEqualTo(1e-6 * e1);
                assertThat(Math.abs(l2[u] - e2)).as("L2 d %d", d).isLessThanOrEqualTo(1e-6 * e2);
            }
        }
    }

    @Test
    void scoresOfLayersGivesTheSameNormsAsOneLayerAtATime() {
        SplittableRandom r = new SplittableRandom(13);
        List<WeightView> layers = new ArrayList<>();
        int[][] shapes = {{64, 3, 7, 7}, {512, 512, 3, 3}, {7, 5, 1, 1}, {2048, 256, 1, 1}, {3, 4609}, {300, 129}};
        for (int[] s : shapes) {
            int size = 1;
            for (int v : s) {
                size *= v;
            }
            layers.add(new WeightView(random(r, size, 0.1), s));
        }
        for (Criterion c : new Criterion[] {Criterion.L1, Criterion.L2}) {
            for (Granularity g : new Granularity[] {Granularity.FILTER, Granularity.CHANNEL}) {
                List<WeightView> applicable = layers.stream().filter(w -> g.appliesToRank(w.rank())).toList();
                List<float[]> all = Scorer.scoresOfLayers(applicable, g, c, ScoreOptions.defaults());
                for (int i = 0; i < applicable.size(); i++) {
                    assertThat(all.get(i)).as("%s %s layer %d", c, g, i)
                            .containsExactly(Scorer.scores(applicable.get(i), g, c, ScoreOptions.defaults()));
                }
            }
        }
    }

    @Test
    void onePassNormsMatchPlainDoubleSumsForEveryGranularity() {
        SplittableRandom r = new SplittableRandom(17);
        int[][] shapes = {{64, 3, 7, 7}, {96, 64, 3, 3}, {7, 5, 1, 1}, {300, 129}, {3, 4609}};
        for (int[] s : shapes) {
            int size = 1;
            for (int v : s) {
                size *= v;
            }
            WeightView w = new WeightView(random(r, size, 0.1 + r.nextDouble()), s);
            for (Granularity g : new Granularity[] {Granularity.FILTER, Granularity.NEURON, Granularity.CHANNEL,
                    Granularity.KERNEL, Granularity.STRIPE}) {
                if (!g.appliesToRank(w.rank())) {
                    continue;
                }
                UnitLayout layout = UnitLayout.of(w, g);
                Norms both = Scorer.norms(w, g);
                List<Norms> viaLayers = Scorer.normsOfLayers(List.of(w), g);
                for (int u = 0; u < layout.units(); u++) {
                    double abs = 0;
                    double sq = 0;
                    for (int seg = 0; seg < layout.segmentCount(); seg++) {
                        int from = layout.start(u) + seg * layout.segmentStride();
                        abs += plain(w.data(), from, layout.segmentLength(), false);
                        sq += plain(w.data(), from, layout.segmentLength(), true);
                    }
                    assertThat(Math.abs(both.l1()[u] - abs)).as("%s L1 unit %d", g, u).isLessThanOrEqualTo(1e-6 * abs);
                    assertThat(Math.abs(both.l2()[u] - Math.sqrt(sq))).as("%s L2 unit %d", g, u)
                            .isLessThanOrEqualTo(1e-6 * Math.sqrt(sq));
                }
                assertThat(viaLayers.get(0).l1()).containsExactly(both.l1());
                assertThat(viaLayers.get(0).l2()).containsExactly(both.l2());
            }
        }
    }

    @Test
    void theScalarOnePassOfAFreshProcessMatchesPlainDoubleSumsAndTheVectorPass() {
        // What a model scored before the Vector API kernel is compiled gets (ScalarNorms): the same norms.
        SplittableRandom r = new SplittableRandom(19);
        for (int d : LENGTHS) {
            int n = 5;
            float[] data = random(r, n * d, 0.01 + r.nextDouble());
            UnitLayout layout = UnitLayout.of(WeightView.of(data, n, d), Granularity.NEURON);
            float[] l1 = new float[n];
            float[] l2 = new float[n];
            float[] vl1 = new float[n];
            float[] vl2 = new float[n];
            NormScores.fillBoth(data, layout, l1, l2, 0, n, false);
            NormScores.fillBoth(data, layout, vl1, vl2, 0, n, true);
            for (int u = 0; u < n; u++) {
                double e1 = plain(data, u * d, d, false);
                double e2 = Math.sqrt(plain(data, u * d, d, true));
                assertThat(Math.abs(l1[u] - e1)).as("scalar L1 d %d", d).isLessThanOrEqualTo(1e-6 * e1);
                assertThat(Math.abs(l2[u] - e2)).as("scalar L2 d %d", d).isLessThanOrEqualTo(1e-6 * e2);
                assertThat((double) vl1[u]).as("vector L1 d %d", d).isCloseTo(l1[u], within(1e-6 * e1));
                assertThat((double) vl2[u]).as("vector L2 d %d", d).isCloseTo(l2[u], within(1e-6 * e2));
            }
        }
    }
}
