package io.prunescope.prune.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RandomAndExternalCriteriaTest {

    private static final WeightView CONV = NormScoresTest.CONV;

    @Test
    void randomIsReproducibleWithTheSameSeed() {
        ScoreOptions opts = ScoreOptions.defaults().withSeed(1234);
        float[] a = Scorer.scores(CONV, Granularity.KERNEL, Criterion.RANDOM, opts);
        float[] b = Scorer.scores(CONV, Granularity.KERNEL, Criterion.RANDOM, opts);
        assertThat(a).hasSize(4).containsExactly(b);
        for (float v : a) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void randomDiffersAcrossSeeds() {
        WeightView big = WeightView.of(new float[64 * 8], 64, 8);
        float[] a = Scorer.scores(big, Granularity.NEURON, Criterion.RANDOM, ScoreOptions.defaults().withSeed(1));
        float[] b = Scorer.scores(big, Granularity.NEURON, Criterion.RANDOM, ScoreOptions.defaults().withSeed(2));
        assertThat(a).isNotEqualTo(b);
        assertThat(UnitSelection.select(a, 0.5)).isNotEqualTo(UnitSelection.select(b, 0.5));
    }

    @Test
    void bnScaleUsesAbsoluteGamma() {
        ScoreOptions opts = ScoreOptions.defaults().withExternalScores(new float[] {-0.5f, 0.2f});
        assertThat(Scorer.scores(CONV, Granularity.FILTER, Criterion.BN_SCALE, opts)).containsExactly(0.5f, 0.2f);
        assertThat(Scorer.availability(CONV, Granularity.FILTER, Criterion.BN_SCALE, opts).supported()).isTrue();
    }

    @Test
    void bnScaleWithoutGammaIsUnavailableWithAReason() {
        ScoreOptions opts = ScoreOptions.defaults();
        assertThatThrownBy(() -> Scorer.scores(CONV, Granularity.FILTER, Criterion.BN_SCALE, opts))
                .isInstanceOf(CriterionUnavailableException.class)
                .hasMessageContaining("unavailable")
                .hasMessageContaining("BN folded into the conv")
                .satisfies(e -> assertThat(((CriterionUnavailableException) e).criterion()).isEqualTo(Criterion.BN_SCALE));
        Support s = Scorer.availability(CONV, Granularity.FILTER, Criterion.BN_SCALE, opts);
        assertThat(s.supported()).isFalse();
        assertThat(s.reason()).contains("BN folded");
    }

    @Test
    void bnScaleWithTheWrongNumberOfValuesIsRejected() {
        ScoreOptions opts = ScoreOptions.defaults().withExternalScores(new float[] {1, 2, 3});
        assertThatThrownBy(() -> Scorer.scores(CONV, Granularity.FILTER, Criterion.BN_SCALE, opts))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 values");
        assertThat(Scorer.availability(CONV, Granularity.FILTER, Criterion.BN_SCALE, opts).supported()).isFalse();
    }

    @Test
    void unsupportedCombinationsAndRanksAreRejectedWithTheReason() {
        assertThatThrownBy(() -> Scorer.scores(CONV, Granularity.WEIGHT, Criterion.FPGM, ScoreOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not supported");
        assertThatThrownBy(() -> Scorer.scores(CONV, Granularity.NEURON, Criterion.L1, ScoreOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank-4");
        assertThat(Scorer.availability(CONV, Granularity.CHANNEL, Criterion.BN_SCALE, ScoreOptions.defaults())
                .supported()).isFalse();
    }
}
