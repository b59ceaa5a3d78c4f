package io.prunescope.measure;

import io.prunescope.detection.DetectionDataset;
import io.prunescope.detection.DetectionEvaluator;
import io.prunescope.detection.DetectionOptions;
import io.prunescope.runtime.AccuracyEvaluator;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.Dataset;
import io.prunescope.runtime.Fidelity;
import io.prunescope.runtime.FidelityReport;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.runtime.OutputFidelity;
import io.prunescope.task.Progress;

import java.util.Map;

/**
 * What a sensitivity curve measures on a pruned model; higher is better, the original scores the baseline.
 * With labels: top-1 accuracy, or COCO mAP@0.5:0.95 for a detector. Without: top-1 agreement or cosine similarity
 * with the original's outputs on the same inputs.
 */
public interface Metric {

    /** Short name, part of the cache key ("top1", "agreement", "cosine"). */
    String name();

    /** Identity of the data the metric reads, part of the cache key. */
    String dataIdentity();

    /** Called once with the original model before any {@link #evaluate}. */
    default void prepare(InferenceSession original, CancellationToken cancel) {
    }

    double evaluate(InferenceSession model, CancellationToken cancel);

    static Metric accuracy(Dataset data, int batchSize) {
        String id = Datasets.identity(data);
        return new Metric() {
            @Override
            public String name() {
                return "top1";
            }

            @Override
            public String dataIdentity() {
                return id;
            }

            @Override
            public double evaluate(InferenceSession model, CancellationToken cancel) {
                return new AccuracyEvaluator(Calibration.batchSize(model, batchSize))
                        .evaluate(model, data, Progress.NONE, cancel).top1();
            }
        };
    }

    /**
     * COCO mAP@0.5:0.95 of a YOLOv5-style detector on {@code data} ({@link DetectionEvaluator}), named "map50-95".
     * The data identity digests the image files, the labels and the evaluation settings, so other data or other
     * thresholds never reuse a cached curve.
     */
    static Metric detection(DetectionDataset data, DetectionOptions options) {
        String id = Datasets.identity(data, options);
        return new Metric() {
            @Override
            public String name() {
                return "map50-95";
            }

            @Override
            public String dataIdentity() {
                return id;
            }

            @Override
            public double evaluate(InferenceSession model, CancellationToken cancel) {
                double v = new DetectionEvaluator(options).evaluate(model, data, Progress.NONE, cancel)
                        .metrics().map50to95();
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException("the detection data has no labelled objects, so there is no"
                            + " mAP to measure");
                }
                return v;
            }
        };
    }

    enum FidelityKind { AGREEMENT, COSINE }

    /** Fidelity of the first output against the original's on {@code inputs}. */
    static Metric fidelity(Map<String, FloatTensor> inputs, FidelityKind kind, int batchSize) {
        String id = Datasets.identity(inputs.values().iterator().next());
        return new Metric() {
            private Map<String, FloatTensor> reference;

            @Override
            public String name() {
                return kind == FidelityKind.AGREEMENT ? "agreement" : "cosine";
            }

            @Override
            public String dataIdentity() {
                return id;
            }

            @Override
            public void prepare(InferenceSession original, CancellationToken cancel) {
                reference = original.runBatched(inputs, Calibration.batchSize(original, batchSize),
                        Progress.NONE, cancel);
            }

            @Override
            public double evaluate(InferenceSession model, CancellationToken cancel) {
                if (reference == null) {
                    throw new IllegalStateException("prepare() was not called");
                }
                Map<String, FloatTensor> out = model.runBatched(inputs, Calibration.batchSize(model, batchSize),
                        Progress.NONE, cancel);
                FidelityReport r = Fidelity.compare(reference, out);
                OutputFidelity f = r.first();
                if (kind == FidelityKind.AGREEMENT) {
                    if (f.top1Agreement() == null) {
                        throw new IllegalArgumentException("output '" + f.name() + "' is not classifier-shaped; "
                                + "use the cosine metric");
                    }
                    return f.top1Agreement();
                }
                return f.cosine();
            }
        };
    }
}
