package io.prunescope.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads sensitivity curves per layer: which group curve a layer belongs to (it is one of the group's producers), and
 * the loss the curve predicts at a ratio — linear between the measured ratios, from the unpruned baseline at 0, and
 * held at the last measured value beyond it. Several results (criteria, data sets) may be known; the first that
 * matches is the one a single number comes from.
 */
public final class SensitivityLookup {

    private final List<SensitivityResult> results;

    public SensitivityLookup(List<SensitivityResult> results) {
        this.results = List.copyOf(results);
    }

    public static final SensitivityLookup EMPTY = new SensitivityLookup(List.of());

    public List<SensitivityResult> results() {
        return results;
    }

    public boolean isEmpty() {
        return results.isEmpty();
    }

    /** One curve of one result: the layer's group measured with one criterion on one data set. */
    public record LayerCurve(SensitivityResult result, SensitivityResult.GroupCurve group) {

        /** The metric at {@code ratio} (0 → the baseline). */
        public double valueAt(double ratio) {
            return interpolate(result.ratios(), group.values(), result.baseline(), ratio);
        }

        /** baseline − metric at {@code ratio}: positive when pruning costs accuracy. */
        public double lossAt(double ratio) {
            return result.baseline() - valueAt(ratio);
        }
    }

    /** Every known curve of the group {@code layer} belongs to, one per result. */
    public List<LayerCurve> curves(String layer) {
        List<LayerCurve> out = new ArrayList<>();
        for (SensitivityResult r : results) {
            for (SensitivityResult.GroupCurve g : r.groups()) {
                if (g.layer().equals(layer) || g.producers().contains(layer)) {
                    out.add(new LayerCurve(r, g));
                    break;
                }
            }
        }
        return out;
    }

    /** The curve a single number for {@code layer} comes from: measured with {@code criterion} if any, else the first. */
    public Optional<LayerCurve> primary(String layer, String criterion) {
        List<LayerCurve> all = curves(layer);
        return all.stream().filter(c -> c.result().criterion().equals(criterion)).findFirst()
                .or(() -> all.stream().findFirst());
    }

    static double interpolate(double[] ratios, double[] values, double baseline, double ratio) {
        if (ratio <= 0 || ratios.length == 0) {
            return baseline;
        }
        double x0 = 0;
        double y0 = baseline;
        for (int i = 0; i < ratios.length; i++) {
            if (ratio <= ratios[i]) {
                double t = (ratio - x0) / (ratios[i] - x0);
                return y0 + t * (values[i] - y0);
            }
            x0 = ratios[i];
            y0 = values[i];
        }
        return values[values.length - 1];
    }
}
