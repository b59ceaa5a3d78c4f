package io.prunescope.prune.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeometricMedianTest {

    private static final double TOL = ScoreOptions.DEFAULT_GM_TOLERANCE;
    private static final int MAX = ScoreOptions.DEFAULT_GM_MAX_ITERATIONS;

    private static float[] flat(double[][] points) {
        float[] x = new float[points.length * 2];
        for (int i = 0; i < points.length; i++) {
            x[2 * i] = (float) points[i][0];
            x[2 * i + 1] = (float) points[i][1];
        }
        return x;
    }

    /** Points as the float values the median actually sees. */
    private static double[][] asFloat(double[][] points) {
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = new double[] {(float) points[i][0], (float) points[i][1]};
        }
        return out;
    }

    private static void assertMatchesBruteForce(double[][] points) {
        double[][] p = asFloat(points);
        double[] median = GeometricMedian.median(flat(p), p.length, 2, TOL, MAX, false);
        double ours = NaiveReference.objective(p, median[0], median[1]);
        double brute = NaiveReference.bruteForceMinimum(p);
        assertThat(ours).isCloseTo(brute, within(1e-4 * brute + 1e-12));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 10, 50})
    void randomPointsReachTheBruteForceMinimum(int n) {
        Random random = new Random(n);
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            points[i] = new double[] {random.nextGaussian() * 3, random.nextGaussian()};
        }
        assertMatchesBruteForce(points);
    }

    @Test
    void collinearOddCountLandsOnTheMiddlePoint() {
        double[][] points = {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {10, 10}};
        double[] median = GeometricMedian.median(flat(points), 5, 2, TOL, MAX, false);
        assertThat(median[0]).isCloseTo(2, within(1e-6));
        assertThat(median[1]).isCloseTo(2, within(1e-6));
        assertMatchesBruteForce(points);
    }

    @Test
    void collinearEvenCountReachesTheFlatMinimum() {
        assertMatchesBruteForce(new double[][] {{0, 0}, {1, 0}, {2, 0}, {10, 0}});
    }

    @Test
    void coincidentPointsHeavyEnoughAreTheMedian() {
        // three copies of (1,1) outweigh the pull of three other points (|pull| <= 3)
        double[][] points = {{1, 1}, {1, 1}, {1, 1}, {0, 0}, {2, 0}, {0, 2}};
        double[] median = GeometricMedian.median(flat(points), 6, 2, TOL, MAX, false);
        assertThat(median).containsExactly(new double[] {1, 1}, within(1e-6));
        assertMatchesBruteForce(points);
    }

    @Test
    void startingOnADataPointThatIsNotOptimalMovesAway() {
        // the mean (0,0) is a data point, but the pull of the others (≈1.90) exceeds its weight 1
        double[][] points = {{0, 0}, {3, 1}, {3, -1}, {3, 0}, {-9, 0}};
        double[] median = GeometricMedian.median(flat(points), 5, 2, TOL, MAX, false);
        assertThat(median[0]).isGreaterThan(0.5);
        assertMatchesBruteForce(points);
    }

    @Test
    void allPointsIdenticalGiveZeroDistances() {
        WeightView w = WeightView.of(new float[] {2, -1, 2, -1, 2, -1}, 3, 2);
        float[] scores = Scorer.scores(w, Granularity.NEURON, Criterion.GEOMETRIC_MEDIAN, ScoreOptions.defaults());
        assertThat(scores).containsExactly(0, 0, 0);
    }

    @Test
    void scoresAreDistancesToTheMedian() {
        // collinear 0, 1, 2, 3, 10 → median 2 → distances 2, 1, 0, 1, 8
        WeightView w = WeightView.of(new float[] {0, 1, 2, 3, 10}, 5, 1, 1, 1);
        float[] scores = Scorer.scores(w, Granularity.FILTER, Criterion.GEOMETRIC_MEDIAN, ScoreOptions.defaults());
        assertThat(scores).containsExactly(new float[] {2, 1, 0, 1, 8}, within(1e-5f));
    }

    @Test
    void highDimensionalParallelMatchesSequential() {
        int n = 300;
        int d = 400;
        float[] x = NaiveReference.gaussian(n * d, 3);
        double[] a = GeometricMedian.median(x, n, d, TOL, MAX, false);
        double[] b = GeometricMedian.median(x, n, d, TOL, MAX, true);
        assertThat(b).containsExactly(a, within(1e-6));
        // the median minimises the objective: moving it along any axis makes the sum larger
        double best = GeometricMedian.objective(x, n, d, a);
        for (int k = 0; k < 5; k++) {
            double[] moved = a.clone();
            moved[k] += 1e-2;
            assertThat(GeometricMedian.objective(x, n, d, moved)).isGreaterThan(best);
        }
    }
}
