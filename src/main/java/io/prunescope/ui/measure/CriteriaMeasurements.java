package io.prunescope.ui.measure;

import io.prunescope.detection.DetectionDataset;
import io.prunescope.detection.DetectionOptions;
import io.prunescope.measure.Calibration;
import io.prunescope.measure.Datasets;
import io.prunescope.measure.Metric;
import io.prunescope.runtime.Dataset;
import io.prunescope.session.Workspace;

import java.util.concurrent.Callable;

/** What the Criteria tab measures with: a detector's mAP on the Detection tab's data, or a classifier's top-1. */
final class CriteriaMeasurements {

    private CriteriaMeasurements() {
    }

    /** mAP@0.5:0.95 on the Detection tab's data, limit and input size. */
    static CriteriaViewModel.MeasurementSource detection(Workspace ws, DetectionViewModel d) {
        return new CriteriaViewModel.MeasurementSource() {
            @Override
            public String describe() {
                DetectionViewModel.DataSource s = d.sourceProperty().get();
                int n = d.limitProperty().get();
                return "mAP@0.5:0.95 on " + (s == null ? "(choose data in the Detection tab)" : s.describe())
                        + (n > 0 ? ", first " + n + " images" : ", all images") + " — the Detection tab's data";
            }

            @Override
            public Callable<CriteriaViewModel.Measurement> snapshot() {
                DetectionViewModel.DataSource s = d.sourceProperty().get();
                if (s == null) {
                    throw new IllegalStateException("choose detection data in the Detection tab");
                }
                if (!d.inputSizeValidProperty().get()) {
                    throw new IllegalStateException("give the input size in the Detection tab");
                }
                int n = d.limitProperty().get();
                DetectionOptions options = d.options();
                return () -> {
                    DetectionDataset data = DetectionDataset.first(s.open(), n);
                    return new CriteriaViewModel.Measurement("mAP@0.5:0.95 on " + data.size() + " images",
                            Metric.detection(data, options), () -> Calibration.letterboxed(ws, data, 32));
                };
            }
        };
    }

    /** Top-1 on the labelled data chosen in the window's data bar. */
    static CriteriaViewModel.MeasurementSource classifier(Workspace ws, MeasureDataViewModel data) {
        return new CriteriaViewModel.MeasurementSource() {
            @Override
            public String describe() {
                return "top-1 on " + data.describe() + ", chosen above";
            }

            @Override
            public Callable<CriteriaViewModel.Measurement> snapshot() {
                Dataset d = data.labelled();
                return () -> new CriteriaViewModel.Measurement("top-1 on " + d.size() + " samples",
                        Metric.accuracy(d, 64), () -> Calibration.single(ws, Datasets.inputs(Datasets.limit(d, 256))));
            }
        };
    }
}
