package io.prunescope.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/** ONNX Runtime's Gram blocks against dot products computed here in double. */
class NativeGramTest {

    @Test
    void blockColumnsAreTheDotProductsOfEveryLaterRowWithTheBlocksRows() {
        int n = 70;
        int d = 33;
        float[] x = gaussian(n * d, 5);
        NativeGram engine = NativeGram.instance().orElseThrow();
        try (NativeGram.Matrix m = engine.load(n, d, (i, row) -> System.arraycopy(x, i * d, row, 0, d))) {
            int[][] blocks = {{0, 16}, {10, 40}, {64, 70}, {69, 70}};
            for (int[] b : blocks) {
                int r0 = b[0];
                int r1 = b[1];
                int m0 = r1 - r0;
                float[] out = new float[m0 * (n - r0)];
                m.blockColumns(r0, r1, out);
                for (int i = r0; i < r1; i++) {
                    for (int j = r0; j < n; j++) {
                        double dot = 0;
                        for (int k = 0; k < d; k++) {
                            dot += (double) x[i * d + k] * x[j * d + k];
                        }
                        assertThat((double) out[(j - r0) * m0 + (i - r0)]).as("block %d..%d, x%d·x%d", r0, r1, j, i)
                                .isCloseTo(dot, within(1e-5 * (1 + Math.abs(dot))));
                    }
                }
            }
        }
    }

    @Test
    void rowsAreStoredAsTheSourceWritesThem() {
        // A source that writes row i as (i, i, ..., i): the Gram block is then i·j·d.
        int n = 5;
        int d = 4;
        NativeGram engine = NativeGram.instance().orElseThrow();
        try (NativeGram.Matrix m = engine.load(n, d, (i, row) -> java.util.Arrays.fill(row, i))) {
            float[] out = new float[2 * 4];
            m.blockColumns(1, 3, out);
            // rows 1..4 (down the block) × block rows 1, 2
            assertThat(out).containsExactly(4f, 8f, 8f, 16f, 12f, 24f, 16f, 32f);
        }
    }

    @Test
    void buffersHandedBackAreReusedAndHugeOnesAreNotKept() {
        DirectFloats pool = new DirectFloats();
        FloatBuffer a = pool.take(1000);
        assertThat(a.limit()).isEqualTo(1000);
        pool.give(a);
        FloatBuffer b = pool.take(500);
        assertThat(b).isSameAs(a);
        assertThat(b.limit()).isEqualTo(500);
        assertThat(b.position()).isZero();
        FloatBuffer huge = pool.take(DirectFloats.KEEP_FLOATS + 1);
        pool.give(huge);
        assertThat(pool.take(DirectFloats.KEEP_FLOATS + 1)).isNotSameAs(huge);
    }

    private static float[] gaussian(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }
}
