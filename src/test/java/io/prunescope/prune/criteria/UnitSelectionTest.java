package io.prunescope.prune.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitSelectionTest {

    @Test
    void prunesTheLowestScores() {
        float[] scores = {5, 1, 9, 3, 7, 2, 8, 0, 6, 4};
        UnitMask mask = UnitSelection.select(scores, 0.3);
        assertThat(mask.prunedUnits()).containsExactly(1, 5, 7); // scores 1, 2, 0
        assertThat(mask.keptCount()).isEqualTo(7);
    }

    @ParameterizedTest(name = "n={0} ratio={1} roundTo={2} → kept {3}")
    @CsvSource({
        "10, 0.3, 1, 7",     // 0.3·10 = 2.9999… in floating point: still prunes 3
        "10, 0.25, 1, 8",    // floor(2.5) = 2 pruned
        "10, 0.0, 1, 10",
        "10, 1.0, 1, 1",     // never empties the layer
        "64, 0.3, 8, 48",    // floor(19.2) = 19 pruned → 45 kept → up to 48
        "64, 0.3, 16, 48",
        "64, 0.3, 32, 64",   // 45 → 64: rounding up never prunes more than asked
        "64, 1.0, 8, 8",     // at least roundTo when possible
        "64, 0.5, 32, 32",
        "5, 1.0, 8, 1",      // fewer units than roundTo: at least 1
        "5, 0.4, 8, 3",
        "0, 0.5, 1, 0"
    })
    void keptCountRules(int n, double ratio, int roundTo, int kept) {
        assertThat(UnitSelection.keptCount(n, ratio, roundTo)).isEqualTo(kept);
        assertThat(UnitSelection.select(new float[n], ratio, roundTo).keptCount()).isEqualTo(kept);
    }

    @Test
    void tiesPruneTheLowerIndexFirst() {
        assertThat(UnitSelection.select(new float[] {2, 2, 2, 2, 2}, 0.4).prunedUnits()).containsExactly(0, 1);
        assertThat(UnitSelection.select(new float[] {3, 1, 1, 1}, 0.5).prunedUnits()).containsExactly(1, 2);
        // -0.0 and 0.0 are the same score
        assertThat(UnitSelection.select(new float[] {0f, -0f}, 0.5).prunedUnits()).containsExactly(0);
    }

    @Test
    void negativeAndInfiniteScoresOrderCorrectly() {
        float[] scores = {Float.POSITIVE_INFINITY, -3, -0.5f, Float.NEGATIVE_INFINITY, 1e-30f, -1e-30f};
        assertThat(UnitSelection.select(scores, 0.5).prunedUnits()).containsExactly(1, 2, 3);
        assertThat(UnitSelection.select(scores, 4.0 / 6).prunedUnits()).containsExactly(1, 2, 3, 5);
    }

    @Test
    void largeSelectionIsDeterministicAndExact() {
        float[] scores = NaiveReference.gaussian(100_000, 9);
        UnitMask a = UnitSelection.select(scores, 0.37);
        assertThat(a.prunedCount()).isEqualTo(37_000);
        assertThat(UnitSelection.select(scores, 0.37)).isEqualTo(a);
        float maxPruned = Float.NEGATIVE_INFINITY;
        float minKept = Float.POSITIVE_INFINITY;
        for (int u = 0; u < scores.length; u++) {
            if (a.isKept(u)) {
                minKept = Math.min(minKept, scores[u]);
            } else {
                maxPruned = Math.max(maxPruned, scores[u]);
            }
        }
        assertThat(maxPruned).isLessThanOrEqualTo(minKept);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> UnitSelection.select(new float[] {1, Float.NaN}, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> UnitSelection.select(new float[] {1}, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitSelection.select(new float[] {1}, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitSelection.select(new float[] {1}, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filterMaskBecomesElementMaskWithMatchingSparsity() {
        float[] l1 = Scorer.scores(NormScoresTest.CONV, Granularity.FILTER, Criterion.L1, ScoreOptions.defaults());
        UnitMask mask = UnitSelection.select(l1, 0.5); // L1 36, 10 → filter 1 pruned
        ElementMask elements = UnitLayout.of(NormScoresTest.CONV, Granularity.FILTER).elementMask(mask);
        assertThat(elements.sparsity()).isEqualTo(0.5);
        for (int i = 0; i < 16; i++) {
            assertThat(elements.isKept(i)).isEqualTo(i < 8);
        }
        assertThat(elements.apply(NormScoresTest.DATA)).containsExactly(1, -2, 3, -4, 5, 6, -7, 8, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
