package io.prunescope.ui;

import io.prunescope.measure.SensitivityCache;
import io.prunescope.session.PlanSnapshot;
import io.prunescope.ui.inspector.PruningPanel;
import io.prunescope.ui.inspector.SensitivityCurvePanel;
import io.prunescope.ui.inspector.SensitivityCurveViewModel;
import io.prunescope.ui.measure.PlanComparisonView;
import io.prunescope.ui.measure.PlanComparisonViewModel;
import io.prunescope.ui.measure.PlanMeasureViewModel;
import io.prunescope.ui.measure.PlanResultsPanel;
import io.prunescope.ui.measure.SensitivityResults;
import io.prunescope.ui.network.SensitivityShading;
import io.prunescope.ui.session.PlanEditor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The measurements that sit in the main window, wired in one place: "Measure plan" (a Plan results tab and the
 * status bar's short form), Plans compared (a Plans tab; kept plans go into the session file), and the sensitivity
 * curves (the inspector's chart under the ratio slider, the layer table's Loss column). {@link #attach} hooks them
 * into the window's parts with one line each, so they move with those parts.
 */
final class MeasuringTools {

    static final String RESULTS_TAB = "planResultsTab";
    static final String PLANS_TAB = "plansTab";

    /** ONNX Runtime measurements, one at a time. */
    private final ExecutorService measureWorker = executor("prunescope-measure");
    /** Kept plans' costs and the sensitivity cache's files. */
    private final ExecutorService lightWorker = executor("prunescope-plans");
    private final MainViewModel document;
    private final PlanMeasureViewModel planMeasure;
    private final PlanComparisonViewModel plans;
    private final SensitivityResults sensitivity;
    private AnalysisTabs tabs;
    private SensitivityShading networkShading;
    private final BooleanProperty colourBySensitivity =
            new SimpleBooleanProperty(this, "colourBySensitivity");

    MeasuringTools(MainViewModel document, PlanEditor editor) {
        this.document = document;
        this.planMeasure = new PlanMeasureViewModel(document.workspaceProperty(), document.planProperty(),
                measureWorker);
        this.plans = new PlanComparisonViewModel(document.workspaceProperty(), document.planProperty(), planMeasure,
                p -> editor.replace(p, "use kept plan"), measureWorker, lightWorker);
        this.sensitivity = new SensitivityResults(document.workspaceProperty(), lightWorker,
                SensitivityCache::defaultCache);
    }

    /**
     * Adds the tabs, the inspector's curve, the table's column, the status bar's short form and the network's
     * colouring by sensitivity (View ▸ Colour Network by Sensitivity).
     */
    void attach(AnalysisTabs analysisTabs, PruningPanel pruning, TreeTableView<LayerRow> layerTable, HBox statusBar,
                NetworkViewModel network) {
        this.networkShading = network.shading();
        // the profile strip under the graph colours its bars by the same loss as the table's column; it repaints
        // when it is given a new function, so each change of the curves or the plan hands it a fresh one
        Runnable stripValues = () -> network.sensitivityProperty().set(SensitivityColumn.values(
                sensitivity.lookupProperty(), document.planProperty())::apply);
        sensitivity.lookupProperty().addListener((obs, old, now) -> stripValues.run());
        document.planProperty().addListener((obs, old, now) -> stripValues.run());
        stripValues.run();
        networkShading.enabledProperty().bind(colourBySensitivity);
        networkShading.setSource(SensitivityColumn.values(sensitivity.lookupProperty(), document.planProperty()),
                sensitivity.lookupProperty(), document.planProperty());
        this.tabs = analysisTabs;
        analysisTabs.add(RESULTS_TAB, "Plan results", new PlanResultsPanel(planMeasure, document.themeProperty()).node(),
                "The current plan measured against the original: accuracy or mAP, fidelity, latency (Ctrl+Shift+M)");
        analysisTabs.add(PLANS_TAB, "Plans", new PlanComparisonView(plans, document.themeProperty()).node(),
                "Kept plans side by side: costs, measured metric and latency, the Pareto front");
        pruning.addBelowLayerForm(new SensitivityCurvePanel(new SensitivityCurveViewModel(document,
                sensitivity.lookupProperty()), document.themeProperty()).node());
        layerTable.getColumns().add(SensitivityColumn.create(sensitivity.lookupProperty(), document.planProperty(),
                LayerRow::name));
        Label measured = new Label();
        measured.setId("planMeasureShort");
        measured.getStyleClass().add("status-text");
        measured.textProperty().bind(planMeasure.shortTextProperty());
        statusBar.getChildren().add(1, measured);
    }

    /** The toolbar's Measure plan (Ctrl+Shift+M): shows the results tab and measures. */
    void measurePlan() {
        if (tabs != null) {
            tabs.select(RESULTS_TAB);
        }
        planMeasure.measure();
    }

    /** View ▸ Colour Network by Sensitivity. */
    BooleanProperty colourBySensitivity() {
        return colourBySensitivity;
    }

    SensitivityShading networkShading() {
        return networkShading;
    }

    PlanMeasureViewModel planMeasure() {
        return planMeasure;
    }

    PlanComparisonViewModel plans() {
        return plans;
    }

    SensitivityResults sensitivity() {
        return sensitivity;
    }

    List<PlanSnapshot> kept() {
        return plans.kept();
    }

    void setKept(List<PlanSnapshot> kept) {
        plans.setKept(kept);
    }

    void shutdown() {
        planMeasure.cancel();
        plans.cancel();
        measureWorker.shutdownNow();
        lightWorker.shutdownNow();
    }

    private static ExecutorService executor(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
