package io.prunescope.prune.criteria;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Scoring a whole model at once (layers spread over the cores) gives exactly the per-layer scores. */
class ScoresOfLayersTest {

    @Test
    void manyLayersAtOnceEqualOneByOne() {
        SplittableRandom r = new SplittableRandom(3);
        List<WeightView> layers = new ArrayList<>();
        int[][] shapes = {{64, 32, 3, 3}, {8, 8, 1, 1}, {130, 17, 3, 3}, {16, 64}, {300, 5, 1, 1}};
        for (int[] s : shapes) {
            int n = 1;
            for (int d : s) {
                n *= d;
            }
            float[] data = new float[n];
            for (int i = 0; i < n; i++) {
                data[i] = (float) r.nextGaussian();
            }
            layers.add(WeightView.of(data, s));
        }
        for (Criterion c : List.of(Criterion.L1, Criterion.FPGM, Criterion.GEOMETRIC_MEDIAN)) {
            Granularity g = Granularity.FILTER;
            List<float[]> together = Scorer.scoresOfLayers(layers.subList(0, 3), g, c, ScoreOptions.defaults());
            for (int i = 0; i < 3; i++) {
                assertThat(together.get(i)).as("%s layer %d", c, i)
                        .containsExactly(Scorer.scores(layers.get(i), g, c, ScoreOptions.defaults()));
            }
        }
        List<float[]> fc = Scorer.scoresOfLayers(layers.subList(3, 4), Granularity.NEURON, Criterion.FPGM,
                ScoreOptions.defaults());
        assertThat(fc.get(0)).hasSize(16);
    }
}
