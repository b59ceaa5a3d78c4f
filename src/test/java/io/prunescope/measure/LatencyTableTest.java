package io.prunescope.measure;

import io.prunescope.onnx.ConvProbe;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.task.CancellationToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The per-machine conv latency table, its probe models and the round-to advice read from it. */
class LatencyTableTest {

    @Test
    void theProbeIsTheConvolutionItSaysInOnnxRuntime() {
        // 3 input channels, 5 filters 3×3, stride 2 on 9×7: "same" padding gives 5×4 outputs.
        byte[] model = ConvProbe.conv(3, 5, 3, 3, 2, 1, 9, 7);
        float[] x = new float[3 * 9 * 7];
        x[0] = 1f; // a single 1 at (c=0, y=0, x=0)
        try (InferenceSession s = InferenceSession.open(model)) {
            FloatTensor y = s.run(Map.of("X", new FloatTensor(x, new long[] {1, 3, 9, 7}))).get("Y");
            assertThat(y.shape()).containsExactly(1, 5, 5, 4);
            // Output (0,0) sees input (0,0) through the kernel's centre (padding 1), plus the bias; output (1,1) does
            // not see it at all (its window starts at row 1): the difference is the weight at the kernel's centre.
            float atOrigin = y.data()[0];
            float bias = y.data()[1 * 4 + 1];
            assertThat(Math.abs(atOrigin - bias)).isGreaterThan(0f).isLessThanOrEqualTo(0.1f);
        }
    }

    @Test
    void measuredRowsAreCachedPerMachineAndReadBack(@TempDir Path home) throws Exception {
        ConvShape shape = new ConvShape(8, 16, 3, 3, 1, 1, 12, 12);
        LatencyTable t = LatencyTable.forMachine(home, RuntimeOptions.DEFAULT, 3);
        double a = t.millis(shape, 12, CancellationToken.NEVER);
        double b = t.millis(shape, 16, CancellationToken.NEVER);
        assertThat(a).isPositive();
        assertThat(b).isPositive();
        t.save();
        assertThat(Files.readString(t.file())).contains(shape.key());

        LatencyTable again = LatencyTable.forMachine(home, RuntimeOptions.DEFAULT, 3);
        assertThat(again.file()).isEqualTo(t.file());
        assertThat(again.row(shape)).containsEntry(12, a).containsEntry(16, b);
        // From the cache: the same number, not a new measurement (which would differ in the last digits).
        assertThat(again.millis(shape, 12, CancellationToken.NEVER)).isEqualTo(a);
        // Without measuring: exact counts as stored, counts in between interpolated, outside the row unknown.
        assertThat(again.cachedMillis(shape, 14)).isCloseTo((a + b) / 2, within(1e-12));
        assertThat(again.cachedMillis(shape, 20)).isNaN();
        assertThat(again.cachedMillis(new ConvShape(8, 16, 1, 1, 1, 1, 12, 12), 12)).isNaN();
        // Another thread count is another table.
        assertThat(LatencyTable.forMachine(home, RuntimeOptions.DEFAULT.withIntraOpThreads(2), 3).file())
                .isNotEqualTo(t.file());
    }

    @Test
    void adviceIsTheLargestMultipleWhoseRoundingUpIsFree() {
        // Latency steps every 8 channels (a kernel blocked by 8): rounding up to 2, 4 or 8 costs nothing, to 16 or
        // 32 it adds steps.
        List<RoundToAdvice.Sample> samples = new ArrayList<>();
        int window = 8;
        for (int c0 : new int[] {37, 64, 100}) {
            int from = c0 - window;
            int to = c0 + window + 32;
            int[] counts = new int[to - from + 1];
            double[] ms = new double[counts.length];
            for (int c = from; c <= to; c++) {
                counts[c - from] = c;
                ms[c - from] = 0.1 * ((c + 7) / 8);
            }
            samples.add(new RoundToAdvice.Sample("l" + c0, null, counts, ms));
        }
        RoundToAdvice.Advice a = RoundToAdvice.fromSamples(samples, window);
        assertThat(a.roundTo()).isEqualTo(8);
        assertThat(a.ratioUp()[0]).isCloseTo(1.0, within(1e-12)); // m = 2
        assertThat(a.ratioUp()[2]).isCloseTo(1.0, within(1e-12)); // m = 8
        assertThat(a.ratioUp()[3]).isGreaterThan(1.02); // m = 16
    }
}
