package io.prunescope.learn;

import io.prunescope.prune.LayerWeights;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.GeometricMedianPoint;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.prune.criteria.ScoreOptions;
import io.prunescope.prune.criteria.Scorer;
import io.prunescope.prune.criteria.WeightView;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FilterProjectionTest {

    /** Four 2-D "filters" on a cross, wider along y: PC1 is y, PC2 is x, the median (by symmetry) the centre. */
    @Test
    void handComputedCross() {
        WeightView w = WeightView.of(new float[]{1, 0, -1, 0, 0, 3, 0, -3}, 4, 2);
        FilterProjection p = FilterProjection.of(w);
        assertThat(p.points()[2][0]).isCloseTo(3, within(1e-9));
        assertThat(p.points()[3][0]).isCloseTo(-3, within(1e-9));
        assertThat(p.points()[0][1]).isCloseTo(1, within(1e-9));
        assertThat(p.points()[1][1]).isCloseTo(-1, within(1e-9));
        assertThat(p.median()[0]).isCloseTo(0, within(1e-6));
        assertThat(p.median()[1]).isCloseTo(0, within(1e-6));
        assertThat(p.explained()[0]).isCloseTo(18.0 / 20, within(1e-9));
        assertThat(p.explained()[1]).isCloseTo(2.0 / 20, within(1e-9));
    }

    /**
     * On a real layer: the marked point is the engine's geometric median (its distances to the filters are the
     * engine's GEOMETRIC_MEDIAN scores), the axes are orthonormal eigenvectors of the filters' scatter matrix, and
     * every projection is the dot product with them.
     */
    @Test
    void realLayerProjectsTheEnginesMedianOnPrincipalAxes() throws Exception {
        WeightView w = LayerWeights.of(LearnFixtures.fashion().engine().layer(LearnFixtures.CONV1).orElseThrow()).view();
        int n = w.outChannels();
        int d = w.rowLength();
        double[] median = GeometricMedianPoint.ofRows(w, ScoreOptions.defaults());
        float[] engine = Scorer.scores(w, Granularity.FILTER, Criterion.GEOMETRIC_MEDIAN, ScoreOptions.defaults());
        for (int k = 0; k < n; k++) {
            double dist = 0;
            for (int j = 0; j < d; j++) {
                double diff = w.data()[k * d + j] - median[j];
                dist += diff * diff;
            }
            assertThat(Math.sqrt(dist)).isCloseTo(engine[k], within(1e-4 * engine[k]));
        }
        FilterProjection p = FilterProjection.of(w);
        double[][] a = p.axes();
        assertThat(dot(a[0], a[0])).isCloseTo(1, within(1e-9));
        assertThat(dot(a[1], a[1])).isCloseTo(1, within(1e-9));
        assertThat(dot(a[0], a[1])).isCloseTo(0, within(1e-9));
        double[] centredMedian = new double[d];
        for (int j = 0; j < d; j++) {
            centredMedian[j] = median[j] - p.mean()[j];
        }
        assertThat(p.median()[0]).isCloseTo(dot(centredMedian, a[0]), within(1e-9));
        assertThat(p.median()[1]).isCloseTo(dot(centredMedian, a[1]), within(1e-9));
        // S·v = λ·v with S = Xcᵀ Xc, λ = Σ_k (projection_k)²; and λ1 ≥ λ2
        double[] lambda = new double[2];
        for (int axis = 0; axis < 2; axis++) {
            double[] sv = new double[d];
            for (int k = 0; k < n; k++) {
                double proj = 0;
                for (int j = 0; j < d; j++) {
                    proj += (w.data()[k * d + j] - p.mean()[j]) * a[axis][j];
                }
                assertThat(p.points()[k][axis]).isCloseTo(proj, within(1e-9));
                lambda[axis] += proj * proj;
                for (int j = 0; j < d; j++) {
                    sv[j] += (w.data()[k * d + j] - p.mean()[j]) * proj;
                }
            }
            for (int j = 0; j < d; j++) {
                assertThat(sv[j]).isCloseTo(lambda[axis] * a[axis][j], within(1e-6 * lambda[axis]));
            }
        }
        assertThat(lambda[0]).isGreaterThanOrEqualTo(lambda[1]);
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
