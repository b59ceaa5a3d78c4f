package io.prunescope.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The whole-layer distance model on hand-computed cases (the criteria's tests compare it with the other paths). */
class NativeDistanceSumsTest {

    /** The criteria's near-pair threshold (prune.criteria.NearPairs.NEAR). */
    private static final double NEAR = 1e-2;

    @Test
    void aThreeFourFiveTriangleGivesSevenEightNine() {
        // Rows (0,0), (3,0), (0,4): distances 3, 4 and 5 (to float rounding: the rows are centred on (1, 4/3) first).
        float[] x = {0, 0, 3, 0, 0, 4};
        NativeDistanceSums.Result r = NativeDistanceSums.instance(NEAR).orElseThrow().sums(x, 3, 2);
        assertThat(r.sums()[0]).isCloseTo(7.0, within(1e-5));
        assertThat(r.sums()[1]).isCloseTo(8.0, within(1e-5));
        assertThat(r.sums()[2]).isCloseTo(9.0, within(1e-5));
        assertThat(r.nearPairs()).as("the diagonal only").isEqualTo(3);
        assertThat(r.hasNearPairs()).isFalse();
    }

    @Test
    void anOffsetDoesNotChangeTheSumsAndADuplicateRowIsCountedAsNear() {
        // The same triangle moved far from the origin (the model centres the rows), plus a copy of its first row.
        float[] x = {100, 100, 103, 100, 100, 104, 100, 100};
        NativeDistanceSums.Result r = NativeDistanceSums.instance(NEAR).orElseThrow().sums(x, 4, 2);
        assertThat(r.nearPairs()).as("diagonal + the pair (0, 3) both ways").isEqualTo(6);
        assertThat(r.hasNearPairs()).isTrue();
        // Near pairs are left out of the sums: rows 0 and 3 lack their (zero) distance to each other, nothing else.
        assertThat(r.sums()[1]).isCloseTo(3 + 5 + 3, within(1e-4));
        assertThat(r.sums()[2]).isCloseTo(4 + 5 + 4, within(1e-4));
    }

    @Test
    void theProcessHasOneThreshold() {
        NativeDistanceSums.instance(NEAR).orElseThrow();
        assertThatThrownBy(() -> NativeDistanceSums.instance(0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold");
    }
}
