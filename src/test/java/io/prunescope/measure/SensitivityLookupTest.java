package io.prunescope.measure;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Reading a layer's curve: which group it belongs to and the loss between measured ratios, by hand. */
class SensitivityLookupTest {

    private static SensitivityResult result(String criterion, double[] values) {
        SensitivityResult.GroupCurve g = new SensitivityResult.GroupCurve(3, "/conv1", List.of("/conv1", "/conv2"),
                16, values, new int[]{4, 8}, new long[]{90, 80}, new long[]{9, 8});
        SensitivityResult.GroupCurve other = new SensitivityResult.GroupCurve(4, "/conv3", List.of("/conv3"), 8,
                new double[]{0.5, 0.1}, new int[]{2, 4}, new long[]{90, 80}, new long[]{9, 8});
        return new SensitivityResult("sha", "m", "top1", criterion, "data", 0.9, 100, 10,
                new double[]{0.25, 0.5}, List.of(g, other));
    }

    @Test
    void interpolatesFromTheBaselineThroughTheMeasuredRatios() {
        SensitivityLookup lookup = new SensitivityLookup(List.of(result("L1", new double[]{0.8, 0.6})));
        SensitivityLookup.LayerCurve c = lookup.primary("/conv2", "L1").orElseThrow();
        assertThat(c.group().groupId()).isEqualTo(3);
        assertThat(c.valueAt(0)).isEqualTo(0.9);
        // halfway between (0, 0.9) and (0.25, 0.8)
        assertThat(c.valueAt(0.125)).isCloseTo(0.85, within(1e-12));
        // a third of the way from (0.25, 0.8) to (0.5, 0.6)
        assertThat(c.valueAt(0.25 + 0.25 / 3)).isCloseTo(0.8 - 0.2 / 3, within(1e-12));
        assertThat(c.valueAt(0.9)).isEqualTo(0.6);
        assertThat(c.lossAt(0.5)).isCloseTo(0.3, within(1e-12));
        assertThat(lookup.curves("/unknown")).isEmpty();
    }

    @Test
    void prefersTheLayersCriterionAndListsEveryCriterion() {
        SensitivityLookup lookup = new SensitivityLookup(List.of(result("L1", new double[]{0.8, 0.6}),
                result("FPGM", new double[]{0.85, 0.7})));
        assertThat(lookup.curves("/conv1")).hasSize(2);
        assertThat(lookup.primary("/conv1", "FPGM").orElseThrow().result().criterion()).isEqualTo("FPGM");
        assertThat(lookup.primary("/conv1", "RANDOM").orElseThrow().result().criterion()).isEqualTo("L1");
    }
}
