package io.prunescope.prune;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.DataType;
import io.prunescope.model.Tensor;
import io.prunescope.ops.LayerKind;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.prune.criteria.ScoreOptions;
import io.prunescope.prune.criteria.Scorer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Unit L1 norms summed from the stored bytes equal the criteria's L1 scores of the decoded weight (the reference:
 * {@link LayerWeights#of} then {@link Scorer}) for every stored layout: output-first (Conv, Gemm with transB = 1) and
 * input-first (Gemm with transB = 0, MatMul, ConvTranspose), with units longer than one bulk read too.
 */
class StoredUnitNormsTest {

    @Test
    void convFiltersOutputFirst() {
        check(layer(LayerKind.CONV, false, 7, 5, 3, 3), Granularity.FILTER, 7);
    }

    @Test
    void gemmNeuronsStoredOutputFirst() {
        check(layer(LayerKind.GEMM, false, 6, 11), Granularity.NEURON, 6);
    }

    @Test
    void gemmNeuronsStoredInputFirst() {
        check(layer(LayerKind.GEMM, true, 11, 6), Granularity.NEURON, 6);
    }

    @Test
    void matMulNeuronsAreColumns() {
        check(layer(LayerKind.MATMUL, false, 13, 9), Granularity.NEURON, 9);
    }

    @Test
    void convTransposeFiltersAreTheSecondAxis() {
        check(layer(LayerKind.CONV_TRANSPOSE, false, 4, 5, 3, 3), Granularity.FILTER, 5);
    }

    @Test
    void unitsLongerThanOneBulkRead() {
        // 70,000 values per unit, more than the 65,536 read at a time, in both layouts
        check(layer(LayerKind.GEMM, false, 3, 70_000), Granularity.NEURON, 3);
        check(layer(LayerKind.MATMUL, false, 2, 70_000), Granularity.NEURON, 70_000);
    }

    @Test
    void handComputedSmallCase() {
        // W = [[1, -2], [-3, 4], [0.5, 0]] as Gemm transB = 1: neurons are rows → 3, 7, 0.5;
        // the same bytes as MatMul (input first): neurons are columns → 4.5, 6
        float[] w = {1, -2, -3, 4, 0.5f, 0};
        Tensor t = Tensor.ofFloats("w", new long[]{3, 2}, w, DataType.FLOAT);
        assertThat(StoredUnitNorms.l1(new PrunableLayer(null, LayerKind.GEMM, t, 1, null, 3, 2, 1, false)))
                .hasValueSatisfying(l1 -> assertThat(l1).containsExactly(3f, 7f, 0.5f));
        assertThat(StoredUnitNorms.l1(new PrunableLayer(null, LayerKind.MATMUL, t, 1, null, 2, 3, 1, false)))
                .hasValueSatisfying(l1 -> assertThat(l1).containsExactly(4.5f, 6f));
    }

    @Test
    void weightsNotStoredAsFloat32AreLeftToTheDecodingPath() {
        Tensor half = Tensor.ofFloats("h", new long[]{2, 2}, new float[]{1, 2, 3, 4}, DataType.FLOAT16);
        assertThat(StoredUnitNorms.l1(new PrunableLayer(null, LayerKind.GEMM, half, 1, null, 2, 2, 1, false)))
                .isEmpty();
    }

    private static void check(PrunableLayer layer, Granularity g, int units) {
        float[] reference = Scorer.scores(LayerWeights.of(layer).view(), g, Criterion.L1, ScoreOptions.defaults());
        float[] stored = StoredUnitNorms.l1(layer).orElseThrow();
        assertThat(stored).hasSize(units).hasSameSizeAs(reference);
        for (int u = 0; u < units; u++) {
            assertThat(stored[u]).as("unit %d", u).isCloseTo(reference[u], within(2e-6f * reference[u] + 1e-6f));
        }
    }

    private static PrunableLayer layer(LayerKind kind, boolean transposed, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        float[] values = new float[Math.toIntExact(n)];
        SplittableRandom r = new SplittableRandom(dims.length * 31L + n);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (r.nextGaussian() * 0.1);
        }
        Tensor t = Tensor.ofFloats("w", dims, values, DataType.FLOAT);
        return new PrunableLayer(null, kind, t, 1, null, 0, 0, 1, transposed);
    }
}
