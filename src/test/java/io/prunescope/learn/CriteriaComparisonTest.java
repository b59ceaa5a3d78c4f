package io.prunescope.learn;

import io.prunescope.prune.LayerWeights;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.prune.criteria.ScoreOptions;
import io.prunescope.prune.criteria.Scorer;
import io.prunescope.prune.criteria.UnitSelection;
import io.prunescope.prune.criteria.WeightView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CriteriaComparisonTest {

    @Test
    void picksEqualTheScorersSelectionAndJaccardIsTheOverlap() throws Exception {
        var ws = LearnFixtures.fashion();
        WeightView w = LayerWeights.of(ws.engine().layer(LearnFixtures.CONV1).orElseThrow()).view();
        CriteriaComparison cmp = CriteriaComparison.compute(ws.engine(), LearnFixtures.CONV1, 0.3, 0L);
        for (Criterion c : List.of(Criterion.L1, Criterion.L2, Criterion.FPGM, Criterion.GEOMETRIC_MEDIAN,
                Criterion.RANDOM)) {
            int[] expected = UnitSelection.select(Scorer.scores(w, Granularity.FILTER, c, ScoreOptions.defaults()), 0.3)
                    .prunedUnits();
            assertThat(cmp.pick(c).removed()).as(c.name()).containsExactly(expected);
        }
        // The sample keeps its BatchNormalization: BN γ is there; no calibration data was run: activations are not.
        assertThat(cmp.pick(Criterion.BN_SCALE).available()).isTrue();
        assertThat(cmp.pick(Criterion.MEAN_ACTIVATION).available()).isFalse();
        assertThat(cmp.pick(Criterion.MEAN_ACTIVATION).unavailable()).contains("calibration");
        int l2 = CriteriaComparison.CRITERIA.indexOf(Criterion.L2);
        int fpgm = CriteriaComparison.CRITERIA.indexOf(Criterion.FPGM);
        int[] a = cmp.pick(Criterion.L2).removed();
        int[] b = cmp.pick(Criterion.FPGM).removed();
        long common = java.util.Arrays.stream(a).filter(x -> java.util.Arrays.stream(b).anyMatch(y -> y == x)).count();
        assertThat(cmp.jaccard()[l2][fpgm]).isEqualTo((double) common / (a.length + b.length - common));
        assertThat(cmp.jaccard()[l2][l2]).isEqualTo(1.0);
        assertThat(cmp.jaccard()[l2][CriteriaComparison.CRITERIA.indexOf(Criterion.APOZ)]).isNaN();
    }

    @Test
    void jaccardOfSmallSets() {
        assertThat(CriteriaComparison.jaccard(new int[]{1, 2, 3}, new int[]{2, 3, 4})).isEqualTo(0.5);
        assertThat(CriteriaComparison.jaccard(new int[]{0}, new int[]{5})).isZero();
        assertThat(CriteriaComparison.jaccard(new int[0], new int[0])).isEqualTo(1.0);
    }

    /** Once activations are measured (Measure hands them to the engine), the comparison ranks by them. */
    @Test
    void activationCriteriaAppearOnceMeasured() throws Exception {
        var ws = io.prunescope.session.Workspace.open(java.nio.file.Path.of("assets/models/fashion-resnet.onnx"),
                io.prunescope.model.InputBindings.none(), io.prunescope.task.CancellationToken.NEVER,
                io.prunescope.task.Progress.NONE);
        int n = (int) ws.engine().layer(LearnFixtures.CONV1).orElseThrow().outputUnits();
        assertThat(n).isEqualTo(32);
        float[] meanAbs = new float[n];
        float[] apoz = new float[n];
        for (int k = 0; k < n; k++) {
            meanAbs[k] = (k * 7) % n;      // a permutation of 0..n-1 (7 and 32 are coprime)
            apoz[k] = (float) k / n;        // rising zeros: the last channels are mostly zero, pruned first
        }
        ws.engine().setExternalScores(LearnFixtures.CONV1, Criterion.MEAN_ACTIVATION, meanAbs);
        ws.engine().setExternalScores(LearnFixtures.CONV1, Criterion.APOZ, apoz);
        CriteriaComparison cmp = CriteriaComparison.compute(ws.engine(), LearnFixtures.CONV1, 0.25, 0L);
        assertThat(cmp.pick(Criterion.MEAN_ACTIVATION).available()).isTrue();
        // the 8 smallest mean |activation| are the channels k with (7k mod 32) < 8
        int[] expected = java.util.stream.IntStream.range(0, n).filter(k -> (k * 7) % n < 8).toArray();
        assertThat(cmp.pick(Criterion.MEAN_ACTIVATION).removed()).containsExactly(expected);
        assertThat(cmp.pick(Criterion.APOZ).removed()).containsExactly(24, 25, 26, 27, 28, 29, 30, 31);
    }
}
