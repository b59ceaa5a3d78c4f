package io.prunescope.runtime;

import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** Uses identity.onnx (scores = input), so each sample's scores are written out here by hand. */
class AccuracyEvaluatorTest {

    private static final float[][] SCORES = {
            {0, 1, 2, 3, 4, 5},   // label 5: rank 0 → top-1 and top-5
            {0, 1, 2, 3, 4, 5},   // label 1: rank 4 → top-5 only
            {0, 1, 2, 3, 4, 5},   // label 0: rank 5 → neither
            {1, 1, 1, 1, 1, 1},   // label 0: all tied, first index wins → top-1
            {1, 1, 1, 1, 1, 1},   // label 5: tied, five smaller indices ahead → neither
            {9, 0, 0, 0, 0, 0},   // label 3: 9 and the tied 0s at index 1, 2 ahead → rank 3 → top-5 only
    };
    private static final int[] LABELS = {5, 1, 0, 0, 5, 3};

    @Test
    void topOneAndTopFiveOnHandMadeScores() {
        InMemoryDataset data = new InMemoryDataset(TestModels.tensor(SCORES), LABELS, 6);
        List<long[]> progress = new ArrayList<>();
        try (InferenceSession s = InferenceSession.open(TestModels.bytes("identity.onnx"))) {
            AccuracyResult r = new AccuracyEvaluator(4).evaluate(s, data,
                    (done, total, message) -> progress.add(new long[] {done, total}), CancellationToken.NEVER);
            assertThat(r.total()).isEqualTo(6);
            assertThat(r.top1Correct()).isEqualTo(2);
            assertThat(r.top5Correct()).isEqualTo(4);
            assertThat(r.top1()).isEqualTo(2 / 6.0);
            assertThat(r.top5()).isEqualTo(4 / 6.0);
            assertThat(r.numClasses()).isEqualTo(6);
        }
        assertThat(progress).containsExactly(new long[] {4, 6}, new long[] {6, 6});
    }

    @Test
    void rankOfTheTrueClassPerSample() {
        int[] ranks = new int[SCORES.length];
        for (int i = 0; i < SCORES.length; i++) {
            ranks[i] = AccuracyEvaluator.rank(SCORES[i], 0, 6, LABELS[i]);
        }
        assertThat(ranks).containsExactly(0, 4, 5, 0, 5, 3);
    }

    @Test
    void topFiveIsAbsentBelowFiveClasses() {
        FloatTensor scores = FloatTensor.of(new long[] {2, 3}, 0, 1, 0, 5, 0, 0);
        InMemoryDataset data = new InMemoryDataset(scores, new int[] {1, 2}, 3);
        try (InferenceSession s = InferenceSession.open(TestModels.bytes("identity.onnx"))) {
            AccuracyResult r = new AccuracyEvaluator(8).evaluate(s, data, Progress.NONE, CancellationToken.NEVER);
            assertThat(r.top1()).isEqualTo(0.5);
            assertThat(r.top5()).isNull();
            assertThat(r.top5Correct()).isNull();
        }
    }

    @Test
    void cancellationStopsBetweenBatches() {
        InMemoryDataset data = new InMemoryDataset(TestModels.tensor(SCORES), LABELS, 6);
        CancellationToken token = new CancellationToken();
        int[] batchesRun = {0};
        try (InferenceSession s = InferenceSession.open(TestModels.bytes("identity.onnx"))) {
            assertThatThrownBy(() -> new AccuracyEvaluator(2).evaluate(s, data, (done, total, message) -> {
                batchesRun[0]++;
                token.cancel();
            }, token)).isInstanceOf(CancellationException.class);
        }
        assertThat(batchesRun[0]).isEqualTo(1);
        assertThat(CancellationToken.of(() -> true).isCancelled()).isTrue();
    }

    @Test
    void labelsOutsideTheModelsClassesAreExplained() {
        InMemoryDataset data = new InMemoryDataset(FloatTensor.zeros(1, 3), new int[] {7}, 8);
        try (InferenceSession s = InferenceSession.open(TestModels.bytes("identity.onnx"))) {
            assertThatThrownBy(() -> new AccuracyEvaluator(1).evaluate(s, data, Progress.NONE, CancellationToken.NEVER))
                    .isInstanceOf(InferenceException.class).hasMessageContaining("label 7").hasMessageContaining("3 classes");
        }
    }

    @Test
    void realClassifierAgreesWithReferenceArgmax() {
        float[][] x = TestModels.rows(40, 4, 5);
        double[][] ref = TestModels.gemmLogits("gemm_classifier", x);
        int[] labels = new int[40];
        int expectedCorrect = 0;
        for (int i = 0; i < 40; i++) {
            labels[i] = i % 6; // arbitrary labels; expected correctness from the reference argmax
            expectedCorrect += TestModels.argmax(ref[i]) == labels[i] ? 1 : 0;
        }
        try (InferenceSession s = InferenceSession.open(TestModels.bytes("gemm_classifier.onnx"))) {
            AccuracyResult r = new AccuracyEvaluator(16).evaluate(s,
                    new InMemoryDataset(TestModels.tensor(x), labels, 6), Progress.NONE, CancellationToken.NEVER);
            assertThat(r.top1Correct()).isEqualTo(expectedCorrect);
        }
    }
}
