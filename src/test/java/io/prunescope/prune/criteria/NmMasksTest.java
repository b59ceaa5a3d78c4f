package io.prunescope.prune.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NmMasksTest {

    @Test
    void twoFourKeepsTheTwoLargestOfEveryFour() {
        // one FC row of 8: groups [1,-5,3,0.5] → keep -5, 3; [-2,2,0,7] → keep 7 and the later 2 (tie with -2)
        WeightView fc = WeightView.of(new float[] {1, -5, 3, 0.5f, -2, 2, 0, 7}, 1, 8);
        ElementMask mask = NmMasks.twoFour(fc);
        assertThat(mask.toArray()).containsExactly(false, true, true, false, false, true, false, true);
        assertThat(mask.sparsity()).isEqualTo(0.5);
    }

    @ParameterizedTest(name = "{0}:{1} on [{2}][{3}][{4}][{5}]")
    @CsvSource({"2,4,8,16,3,3", "2,4,16,64,1,1", "1,4,5,7,3,3", "4,8,3,4,2,2", "2,4,6,3,7,7"})
    void everyGroupKeepsExactlyNOfItsLargest(int n, int m, int o, int c, int kh, int kw) {
        WeightView w = WeightView.of(NaiveReference.gaussian(o * c * kh * kw, o * 100 + c), o, c, kh, kw);
        ElementMask mask = NmMasks.nmMask(w, n, m);
        float[] data = w.data();
        int row = c * kh * kw;
        long kept = 0;
        for (int r = 0; r < o; r++) {
            for (int g0 = r * row; g0 < (r + 1) * row; g0 += m) {
                int len = Math.min(m, (r + 1) * row - g0);
                int expected = len == m ? n : (int) Math.ceil((double) n * len / m);
                int count = 0;
                float minKept = Float.POSITIVE_INFINITY;
                float maxPruned = Float.NEGATIVE_INFINITY;
                for (int t = g0; t < g0 + len; t++) {
                    if (mask.isKept(t)) {
                        count++;
                        minKept = Math.min(minKept, Math.abs(data[t]));
                    } else {
                        maxPruned = Math.max(maxPruned, Math.abs(data[t]));
                    }
                }
                assertThat(count).as("group at %d", g0).isEqualTo(expected);
                assertThat(maxPruned).isLessThanOrEqualTo(minKept);
                kept += count;
            }
        }
        assertThat(mask.keptCount()).isEqualTo(kept);
    }

    @Test
    void trailingPartialGroupKeepsItsShare() {
        // 2:4 on rows of 27 (3·3·3): 6 full groups keep 2 each, the trailing 3 keep ceil(2·3/4) = 2 → 14 of 27
        WeightView w = WeightView.of(NaiveReference.gaussian(8 * 27, 1), 8, 3, 3, 3);
        ElementMask mask = NmMasks.twoFour(w);
        assertThat(mask.keptCount()).isEqualTo(8 * 14);
        assertThat(mask.sparsity()).isEqualTo(13.0 / 27);
        assertThat(NmMasks.keptInGroup(2, 4, 1)).isEqualTo(1);
        assertThat(NmMasks.keptInGroup(2, 4, 2)).isEqualTo(1);
        assertThat(NmMasks.keptInGroup(2, 4, 3)).isEqualTo(2);
        assertThat(NmMasks.keptInGroup(1, 4, 3)).isEqualTo(1);
        assertThat(NmMasks.keptInGroup(2, 4, 4)).isEqualTo(2);
    }

    @Test
    void groupsNeverStraddleRows() {
        // rows of 6 with 2:4: [a b c d | e f] per row; row 2's first group must not reach into row 1
        float[] data = {9, 9, 0, 0, 1, 1, /* row 2 */ 0, 0, 9, 9, 1, 1};
        ElementMask mask = NmMasks.twoFour(WeightView.of(data, 2, 6));
        assertThat(mask.toArray()).containsExactly(
                true, true, false, false, false, true,
                false, false, true, true, false, true);
    }

    @Test
    void rejectsBadPatterns() {
        WeightView w = WeightView.of(new float[8], 2, 4);
        assertThatThrownBy(() -> NmMasks.nmMask(w, 0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NmMasks.nmMask(w, 5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
