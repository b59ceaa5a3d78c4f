package io.prunescope.runtime;

import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActivationStatisticsTest {

    /** [N=2, C=2, H=1, W=3] written out. */
    private static final FloatTensor ACTS = FloatTensor.of(new long[] {2, 2, 1, 3},
            0, 1, 2,        // sample 0, channel 0
            0, 0, 0,        // sample 0, channel 1
            3, 0, -0.0f,    // sample 1, channel 0 (−0 is a zero too)
            4, 0, 6);       // sample 1, channel 1

    @Test
    void meanAbsAndApozByHand() {
        ActivationStatistics s = new ActivationStatistics();
        s.accumulate(ACTS);
        // channel 0: |0|+|1|+|2|+|3|+0+0 = 6 over 6 values; zeros 0, 0, −0 → 3/6
        // channel 1: 0+0+0+4+0+6 = 10 over 6; zeros 4/6
        assertThat(s.meanAbs()).containsExactly(new double[] {1.0, 10.0 / 6}, within(1e-12));
        assertThat(s.apoz()).containsExactly(new double[] {0.5, 4.0 / 6}, within(1e-12));
        assertThat(s.samples()).isEqualTo(2);
        assertThat(s.channels()).isEqualTo(2);
    }

    @Test
    void accumulatingBatchByBatchEqualsAllAtOnce() {
        ActivationStatistics s = new ActivationStatistics();
        s.accumulate(ACTS.sliceBatch(0, 1));
        s.accumulate(ACTS.sliceBatch(1, 2));
        assertThat(s.meanAbs()).containsExactly(new double[] {1.0, 10.0 / 6}, within(1e-12));
        assertThat(s.apoz()).containsExactly(new double[] {0.5, 4.0 / 6}, within(1e-12));
    }

    @Test
    void fullyConnectedShape() {
        ActivationStatistics s = new ActivationStatistics();
        s.accumulate(FloatTensor.of(new long[] {2, 2}, 0, 2, 0, -4));
        assertThat(s.meanAbs()).containsExactly(0.0, 3.0);
        assertThat(s.apoz()).containsExactly(1.0, 0.0);
    }

    @Test
    void inconsistentBatchesAndEmptyStatsAreRefused() {
        ActivationStatistics s = new ActivationStatistics();
        assertThatThrownBy(s::meanAbs).isInstanceOf(IllegalStateException.class);
        s.accumulate(FloatTensor.zeros(1, 2));
        assertThatThrownBy(() -> s.accumulate(FloatTensor.zeros(1, 3))).hasMessageContaining("3 channels");
        assertThatThrownBy(() -> s.accumulate(FloatTensor.zeros(4))).hasMessageContaining("[N,C,...]");
    }

    @Test
    void collectedFromConvReluMatchesReferenceConvolution() {
        Map<String, FloatTensor> in;
        try (InferenceSession s = InferenceSession.open(TestModels.bytes("conv_relu.onnx"))) {
            in = CalibrationInputs.random(s, Map.of("batch", 5L, "height", 5L, "width", 6L), 9,
                    CalibrationInputs.Distribution.NORMAL);
            ActivationStatistics stats = ActivationStatistics.collect(s, Set.of("relu"), in, 2,
                    Progress.NONE, CancellationToken.NEVER).get("relu");
            double[][] expected = referenceStats(in.get("x"));
            assertThat(stats.samples()).isEqualTo(5);
            assertThat(stats.meanAbs()).containsExactly(expected[0], within(1e-5));
            assertThat(stats.apoz()).containsExactly(expected[1], within(1e-12));
            for (double a : stats.apoz()) {
                assertThat(a).as("ReLU must zero some values but not all").isBetween(0.01, 0.99);
            }
        }
    }

    /** Direct 3×3 valid convolution + ReLU in double from weights.json: {meanAbs[], apoz[]}. */
    private static double[][] referenceStats(FloatTensor x) {
        JsonNode w = TestModels.weights("conv_relu");
        double[] b = TestModels.vector(w.get("b"));
        int n = (int) x.shape()[0];
        int h = (int) x.shape()[2];
        int wd = (int) x.shape()[3];
        int oh = h - 2;
        int ow = wd - 2;
        double[] sum = new double[3];
        double[] zeros = new double[3];
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < 3; o++) {
                for (int y = 0; y < oh; y++) {
                    for (int xx = 0; xx < ow; xx++) {
                        double v = b[o];
                        for (int c = 0; c < 2; c++) {
                            for (int i = 0; i < 3; i++) {
                                for (int j = 0; j < 3; j++) {
                                    v += w.get("W").get(o).get(c).get(i).get(j).asDouble() * x.get(s, c, y + i, xx + j);
                                }
                            }
                        }
                        double r = Math.max(0, v);
                        sum[o] += r;
                        zeros[o] += r == 0 ? 1 : 0;
                    }
                }
            }
        }
        double count = (double) n * oh * ow;
        return new double[][] {
                {sum[0] / count, sum[1] / count, sum[2] / count},
                {zeros[0] / count, zeros[1] / count, zeros[2] / count}};
    }
}
