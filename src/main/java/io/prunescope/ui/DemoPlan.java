package io.prunescope.ui;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.session.Workspace;
import io.prunescope.ui.session.PlanEditor;

import java.util.List;
import java.util.Locale;

/**
 * The hidden demo option ({@code --demo-plan=fpgm:0.3}), for screenshots: every layer gets a filter plan with that
 * criterion and ratio, and a prunable layer in the middle of the network is selected.
 */
final class DemoPlan {

    private DemoPlan() {
    }

    /** {@code spec} is {@code CRITERION[:RATIO]} (criteria {@code l1 l2 fpgm gm bn random}; ratio 0.3 if absent). */
    static void apply(String spec, PlanEditor editor, MainViewModel document) {
        String[] parts = spec.split(":");
        Criterion c = switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "l1" -> Criterion.L1;
            case "l2" -> Criterion.L2;
            case "gm", "median" -> Criterion.GEOMETRIC_MEDIAN;
            case "bn" -> Criterion.BN_SCALE;
            case "random" -> Criterion.RANDOM;
            default -> Criterion.FPGM;
        };
        double ratio = parts.length > 1 ? Double.parseDouble(parts[1]) : 0.3;
        editor.apply(p -> p.withDefaults(new LayerSetting(Granularity.FILTER, c, ratio, false, 2, 4))
                .applyDefaultsToAll(), "demo plan", null);
        Workspace w = document.getWorkspace();
        List<PrunableLayer> prunable = w.analysis().prunableLayers().stream()
                .filter(l -> w.engine().whyFiltersNotPrunable(l.name()).isEmpty()).toList();
        if (!prunable.isEmpty()) {
            document.selectedNodeProperty().set(prunable.get(prunable.size() / 2).node());
        }
    }
}
