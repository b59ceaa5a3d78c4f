package io.prunescope.runtime;

import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import java.util.Map;
import java.util.Set;

/**
 * Top-1 and top-5 accuracy of a classifier on a {@link Dataset}, batch by batch.
 *
 * <p>Ties: top-1 is the first index of the largest score (NumPy/PyTorch argmax). For top-k the true
 * class's rank counts the classes scoring strictly higher plus equal-scoring classes with a smaller index
 * (a stable descending sort), so top-1 and top-5 agree on tied scores.
 */
public final class AccuracyEvaluator {

    private final int batchSize;

    public AccuracyEvaluator(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** Feeds the model's only input and scores its first classifier-shaped output. */
    public AccuracyResult evaluate(InferenceSession session, Dataset data, Progress progress,
                                   CancellationToken cancel) {
        return evaluate(session, session.singleInputName(), scoresOutput(session), data, progress, cancel);
    }

    /**
     * @throws java.util.concurrent.CancellationException when {@code cancel} is set between batches
     */
    public AccuracyResult evaluate(InferenceSession session, String inputName, String outputName, Dataset data,
                                   Progress progress, CancellationToken cancel) {
        int total = 0;
        int top1 = 0;
        int top5 = 0;
        int classes = -1;
        for (Batch batch : data.batches(batchSize)) {
            cancel.throwIfCancelled();
            FloatTensor scores = session.run(Map.of(inputName, batch.inputs()), Set.of(outputName)).get(outputName);
            if (scores == null || !Fidelity.isClassifierShaped(scores.shape())) {
                throw new InferenceException("Output '" + outputName + "' is not classifier-shaped ([N, classes]); "
                        + "accuracy cannot be measured on it.");
            }
            int k = scores.sampleSize();
            classes = k;
            for (int i = 0; i < batch.size(); i++) {
                int label = batch.labels()[i];
                if (label < 0 || label >= k) {
                    throw new InferenceException("Sample " + (total + i) + " has label " + label + " but the model scores "
                            + k + " classes (0…" + (k - 1) + "). Does the data set belong to this model?");
                }
                int rank = rank(scores.data(), i * k, k, label);
                top1 += rank < 1 ? 1 : 0;
                top5 += rank < 5 ? 1 : 0;
            }
            total += batch.size();
            progress.report(total, data.size(), "");
        }
        return AccuracyResult.of(total, top1, classes >= 5 ? top5 : null, Math.max(classes, 0));
    }

    /** Position (0 = best) of {@code label} among the scores of one sample, in a stable descending order. */
    static int rank(float[] scores, int offset, int k, int label) {
        float s = scores[offset + label];
        int rank = 0;
        for (int j = 0; j < k; j++) {
            float v = scores[offset + j];
            if (v > s || (v == s && j < label)) {
                rank++;
            }
        }
        return rank;
    }

    private static String scoresOutput(InferenceSession session) {
        for (TensorSpec out : session.outputs()) {
            if (out.isFloat() && out.shapeKnown() && Fidelity.isClassifierShaped(withBatchAsOne(out.shape()))) {
                return out.name();
            }
        }
        throw new InferenceException("The model has no output shaped [N, classes]; outputs: " + session.outputs() + ".");
    }

    /** Declared shapes carry -1 for the batch; classes must be known or dynamic (>= 2 checked at run time). */
    private static long[] withBatchAsOne(long[] shape) {
        long[] s = shape.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] = s[i] < 0 ? (i == 0 ? 1 : 2) : s[i];
        }
        return s;
    }
}
