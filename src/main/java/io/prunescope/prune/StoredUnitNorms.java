package io.prunescope.prune;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.DataType;
import io.prunescope.model.Tensor;
import io.prunescope.prune.criteria.DotProducts;

import java.nio.FloatBuffer;
import java.util.Optional;

/**
 * The L1 norm of each output unit of a layer (a conv's filters, a fully connected layer's neurons), read straight
 * from the model's stored float32 bytes, without decoding the weight into an array of its own as
 * {@link LayerWeights#of} does.
 *
 * <p>For the network view's score strips on very large weights. Decoding VGG's first classifier layer (25,088 × 4,096)
 * allocates a 411 MB array, which the JVM zeroes inside the VM where no safepoint can begin: every thread, the FX
 * thread included, then waited up to a few hundred milliseconds at the next garbage collection (issue 13, the
 * window's time to interactive), and the copy stayed in memory beside the file's bytes whether or not the layer was
 * ever looked at. The sums are the criteria's own ({@link DotProducts#absSum}) over the stored runs; they equal the L1
 * scores of {@code Scorer} up to float rounding, which a strip's colours cannot show.
 */
public final class StoredUnitNorms {

    /** Floats read per bulk copy: small enough that no single copy holds a safepoint for long. */
    private static final int CHUNK = 1 << 16;

    private StoredUnitNorms() {
    }

    /** Per output unit, in the units' order; empty if the weight is not stored as float32. */
    public static Optional<float[]> l1(PrunableLayer layer) {
        Tensor weight = layer.weight();
        if (weight.type() != DataType.FLOAT || weight.dims().length < 2) {
            return Optional.empty();
        }
        long[] dims = weight.dims();
        int a = Math.toIntExact(dims[0]);
        int b = Math.toIntExact(dims[1]);
        long numel = weight.numel();
        FloatBuffer stored = weight.payload().asFloatBuffer();
        double[] sums;
        if (LayerWeights.storedInputFirst(layer)) {
            // W[in][out][rest…]: row i holds unit j's block of `inner` values at j·inner
            int inner = Math.toIntExact(numel / ((long) a * b));
            sums = new double[b];
            float[] row = new float[Math.toIntExact((long) b * inner)];
            for (int i = 0; i < a; i++) {
                read(stored, row, row.length);
                for (int j = 0; j < b; j++) {
                    sums[j] += DotProducts.absSum(row, j * inner, inner);
                }
            }
        } else {
            // W[out][rest…]: unit u is the contiguous run of numel / out values at u·(numel / out)
            long perUnit = numel / a;
            sums = new double[a];
            float[] chunk = new float[(int) Math.min(CHUNK, perUnit)];
            for (int u = 0; u < a; u++) {
                for (long left = perUnit; left > 0; ) {
                    int n = (int) Math.min(chunk.length, left);
                    read(stored, chunk, n);
                    sums[u] += DotProducts.absSum(chunk, 0, n);
                    left -= n;
                }
            }
        }
        float[] l1 = new float[sums.length];
        for (int u = 0; u < sums.length; u++) {
            l1[u] = (float) sums[u];
        }
        return Optional.of(l1);
    }

    /** The next {@code n} floats, in pieces of at most {@link #CHUNK}. */
    private static void read(FloatBuffer from, float[] to, int n) {
        for (int at = 0; at < n; at += CHUNK) {
            from.get(to, at, Math.min(CHUNK, n - at));
        }
    }
}
