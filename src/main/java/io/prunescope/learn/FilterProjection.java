package io.prunescope.learn;

import io.prunescope.prune.criteria.GeometricMedianPoint;
import io.prunescope.prune.criteria.ScoreOptions;
import io.prunescope.prune.criteria.WeightView;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The layer's filters (each flattened to C·kh·kw numbers) projected onto their first two principal components, with
 * the engine's geometric median projected the same way: the picture of FPGM's idea (the filters nearest the median
 * are the replaceable ones, not necessarily the small ones).
 *
 * <p>PCA is the SVD of the mean-centred n × d filter matrix (EJML); the axes are the first two right singular
 * vectors, each signed so that its largest-magnitude component is positive (SVD signs are arbitrary; this makes the
 * picture the same run after run).
 *
 * @param points    n × 2: filter k at (x, y)
 * @param median    the geometric median projected, {x, y}
 * @param explained fraction of the total variance along each axis
 * @param axes      2 × d: the principal directions (unit vectors)
 * @param mean      d: the mean filter (the projection's origin)
 */
public record FilterProjection(double[][] points, double[] median, double[] explained, double[][] axes,
                               double[] mean) {

    public static FilterProjection of(WeightView w) {
        return of(w, GeometricMedianPoint.ofRows(w, ScoreOptions.defaults()));
    }

    public static FilterProjection of(WeightView w, double[] medianPoint) {
        int n = w.outChannels();
        int d = w.rowLength();
        float[] data = w.data();
        double[] mean = new double[d];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < d; j++) {
                mean[j] += data[k * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        DMatrixRMaj centred = new DMatrixRMaj(n, d);
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < d; j++) {
                centred.unsafe_set(k, j, data[k * d + j] - mean[j]);
            }
        }
        double[][] axes = principalAxes(centred, n, d);
        double[][] points = new double[n][2];
        double total = 0;
        double[] along = new double[2];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < d; j++) {
                double v = centred.unsafe_get(k, j);
                total += v * v;
                points[k][0] += v * axes[0][j];
                points[k][1] += v * axes[1][j];
            }
            along[0] += points[k][0] * points[k][0];
            along[1] += points[k][1] * points[k][1];
        }
        double[] median = new double[2];
        for (int j = 0; j < d; j++) {
            median[0] += (medianPoint[j] - mean[j]) * axes[0][j];
            median[1] += (medianPoint[j] - mean[j]) * axes[1][j];
        }
        double[] explained = total == 0 ? new double[2] : new double[]{along[0] / total, along[1] / total};
        return new FilterProjection(points, median, explained, axes, mean);
    }

    /** The first two right singular vectors of the centred matrix (zero vectors where the rank is lower). */
    private static double[][] principalAxes(DMatrixRMaj centred, int n, int d) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, d, false, true, true);
        if (!svd.decompose(centred.copy())) {
            throw new IllegalStateException("SVD of the filter matrix did not converge");
        }
        DMatrixRMaj vt = svd.getV(null, true);
        double[] singular = svd.getSingularValues();
        SingularOps_DDRM.descendingOrder(null, false, singular, svd.numberOfSingularValues(), vt, true);
        double[][] axes = new double[2][d];
        for (int a = 0; a < 2 && a < vt.numRows; a++) {
            double largest = 0;
            for (int j = 0; j < d; j++) {
                axes[a][j] = vt.unsafe_get(a, j);
                if (Math.abs(axes[a][j]) > Math.abs(largest)) {
                    largest = axes[a][j];
                }
            }
            if (largest < 0) {
                for (int j = 0; j < d; j++) {
                    axes[a][j] = -axes[a][j];
                }
            }
        }
        return axes;
    }
}
