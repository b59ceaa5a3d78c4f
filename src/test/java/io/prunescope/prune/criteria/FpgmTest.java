package io.prunescope.prune.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FpgmTest {

    private static final ScoreOptions OPTS = ScoreOptions.defaults();

    private static float[] fpgm(WeightView w, Granularity g) {
        return Scorer.scores(w, g, Criterion.FPGM, OPTS);
    }

    @Test
    void threeFiltersByHand() {
        // F0=(0,0), F1=(3,4), F2=(0,4): |F0F1|=5, |F0F2|=4, |F1F2|=3 → g = 9, 8, 7; F2 is pruned first
        WeightView w = WeightView.of(new float[] {0, 0, 3, 4, 0, 4}, 3, 1, 1, 2);
        assertThat(fpgm(w, Granularity.FILTER)).containsExactly(new float[] {9, 8, 7}, within(1e-5f));
        assertThat(UnitSelection.select(fpgm(w, Granularity.FILTER), 1.0 / 3).prunedUnits()).containsExactly(2);
    }

    @Test
    void fourCollinearFiltersByHand() {
        // values 0, 1, 2, 10: g(0)=1+2+10=13, g(1)=1+1+9=11, g(2)=2+1+8=11, g(10)=10+9+8=27
        WeightView w = WeightView.of(new float[] {0, 1, 2, 10}, 4, 1, 1, 1);
        assertThat(fpgm(w, Granularity.FILTER)).containsExactly(new float[] {13, 11, 11, 27}, within(1e-5f));
    }

    @Test
    void signIsKeptNotAbsoluteValue() {
        // -1, 1, 1: g(-1) = 2+2 = 4, g(1) = 2+0 = 2 (with |w| all distances would be 0)
        WeightView w = WeightView.of(new float[] {-1, 1, 1}, 3, 1, 1, 1);
        assertThat(fpgm(w, Granularity.FILTER)).containsExactly(new float[] {4, 2, 2}, within(1e-6f));
    }

    @Test
    void neuronsAreFcRows() {
        WeightView fc = WeightView.of(new float[] {0, 0, 3, 4, 0, 4}, 3, 2);
        assertThat(fpgm(fc, Granularity.NEURON)).containsExactly(new float[] {9, 8, 7}, within(1e-5f));
    }

    @Test
    void kernelsAreComparedWithinTheirInputChannel() {
        // NormScoresTest's weight. c=0: (0,0)=[1,-2,3,-4] vs (1,0)=[-1,0,2,2]: diff (2,-2,1,-6) → √45
        // c=1: (0,1)=[5,6,-7,8] vs (1,1)=[0,-3,1,1]: diff (5,9,-8,7) → √219. Units (o,c) = 0:(0,0) 1:(0,1) 2:(1,0) 3:(1,1)
        float a = (float) Math.sqrt(45);
        float b = (float) Math.sqrt(219);
        assertThat(fpgm(NormScoresTest.CONV, Granularity.KERNEL)).containsExactly(new float[] {a, b, a, b}, within(1e-5f));
    }

    @Test
    void channelsAreFlattenedAcrossFilters() {
        // c=0 → [1,-2,3,-4,-1,0,2,2], c=1 → [5,6,-7,8,0,-3,1,1]; diff (4,8,-10,12,1,-3,-1,-1): 16+64+100+144+1+9+1+1=336
        float d = (float) Math.sqrt(336);
        assertThat(fpgm(NormScoresTest.CONV, Granularity.CHANNEL)).containsExactly(new float[] {d, d}, within(1e-4f));
    }

    @ParameterizedTest(name = "n={0}, d={1}")
    @CsvSource({"1,5", "2,1", "5,3", "7,130", "67,9", "130,64", "300,7", "257,300", "600,260", "64,1152"})
    void fastPathMatchesNaiveDouble(int n, int d) {
        float[] x = NaiveReference.gaussian(n * d, 31L * n + d);
        double[] expected = NaiveReference.fpgm(NaiveReference.rows(x, n, d));
        for (boolean parallel : new boolean[] {false, true}) {
            double[] actual = DistanceSums.sums(x, n, d, parallel);
            for (int i = 0; i < n; i++) {
                assertThat(actual[i]).as("row %d", i).isCloseTo(expected[i], within(1e-4 * expected[i] + 1e-9));
            }
        }
    }

    @Test
    void fastPathIsAccurateForNearDuplicateRowsWithLargeNorms() {
        // Gram cancellation is worst when rows are close and far from the origin.
        int n = 40;
        int d = 200;
        float[] noise = NaiveReference.gaussian(n * d, 5);
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i * d + k] = 1f + 0.05f * noise[i * d + k];
            }
        }
        double[] expected = NaiveReference.fpgm(NaiveReference.rows(x, n, d));
        double[] actual = DistanceSums.sums(x, n, d, true);
        for (int i = 0; i < n; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-4 * expected[i]));
        }
    }

    @ParameterizedTest
    @CsvSource({"CHANNEL", "SHAPE", "KERNEL", "VECTOR", "STRIPE"})
    void finerGranularitiesMatchNaiveOverTheirGroups(Granularity g) {
        int o = 6, c = 5, kh = 3, kw = 2;
        float[] data = NaiveReference.gaussian(o * c * kh * kw, 11);
        WeightView w = WeightView.of(data, o, c, kh, kw);
        float[] actual = fpgm(w, g);
        // Build each unit's vector from the index definitions and its group key, independent of UnitLayout.
        int units = actual.length;
        double[][] vectors = new double[units][];
        int[] groupKey = new int[units];
        for (int u = 0; u < units; u++) {
            java.util.List<Double> v = new java.util.ArrayList<>();
            for (int oo = 0; oo < o; oo++) {
                for (int cc = 0; cc < c; cc++) {
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            int unit;
                            int key;
                            switch (g) {
                                case CHANNEL -> { unit = cc; key = 0; }
                                case SHAPE -> { unit = (cc * kh + i) * kw + j; key = 0; }
                                case KERNEL -> { unit = oo * c + cc; key = cc; }
                                case VECTOR -> { unit = (oo * c + cc) * kh + i; key = cc * kh + i; }
                                default -> { unit = oo * kh * kw + i * kw + j; key = i * kw + j; }
                            }
                            if (unit == u) {
                                v.add((double) data[w.index(oo, cc, i, j)]);
                                groupKey[u] = key;
                            }
                        }
                    }
                }
            }
            vectors[u] = v.stream().mapToDouble(Double::doubleValue).toArray();
        }
        for (int u = 0; u < units; u++) {
            double g0 = 0;
            for (int other = 0; other < units; other++) {
                if (groupKey[other] == groupKey[u]) {
                    double s = 0;
                    for (int k = 0; k < vectors[u].length; k++) {
                        double diff = vectors[u][k] - vectors[other][k];
                        s += diff * diff;
                    }
                    g0 += Math.sqrt(s);
                }
            }
            assertThat((double) actual[u]).as("unit %d", u).isCloseTo(g0, within(1e-4 * g0));
        }
    }
}
