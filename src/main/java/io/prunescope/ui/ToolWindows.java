package io.prunescope.ui;

import io.prunescope.measure.SensitivityResult;
import io.prunescope.prune.PruningPlan;
import io.prunescope.session.Workspace;
import io.prunescope.ui.export.ExportDialog;
import io.prunescope.ui.export.ExportViewModel;
import io.prunescope.ui.measure.MeasureWindow;
import io.prunescope.ui.session.PlanEditor;
import javafx.stage.Stage;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.prefs.Preferences;

/**
 * The windows opened from the main window for the current plan: the export dialog (File ▸ Export…) and the
 * measure window (Tools ▸ Measure…). Kept together because an export proves itself on the measure window's images.
 */
final class ToolWindows {

    private final Stage stage;
    private final MainViewModel document;
    private final PlanEditor editor;
    private final ExecutorService worker;
    private final Preferences preferences;
    private final WindowDialogs dialogs;
    private ExportDialog exportDialog;
    private MeasureWindow measureWindow;
    private Consumer<SensitivityResult> onSensitivity = r -> { };

    ToolWindows(Stage stage, MainViewModel document, PlanEditor editor, ExecutorService worker,
                Preferences preferences, WindowDialogs dialogs) {
        this.stage = stage;
        this.document = document;
        this.editor = editor;
        this.worker = worker;
        this.preferences = preferences;
        this.dialogs = dialogs;
    }

    /** Tools ▸ Measure… (Ctrl+M): latency, fidelity, accuracy, detection mAP, sensitivity, budget and recovery. */
    void showMeasure() {
        Workspace w = document.getWorkspace();
        if (w == null || editor.current() == null) {
            return;
        }
        MeasureWindow m = MeasureWindow.create(w, document.planProperty(),
                plan -> editor.replace(plan, "plan from budget"), preferences, document.themeProperty());
        m.setOnSensitivity(onSensitivity);
        m.stage().initOwner(stage); // before it is shown: JavaFX refuses an owner afterwards
        m.stage().getScene().getStylesheets().setAll(stage.getScene().getStylesheets());
        m.stage().show();
        measureWindow = m;
    }

    /** File ▸ Export… (Ctrl+E); brings an open export dialog to the front instead of opening a second one. */
    void showExport() {
        Workspace w = document.getWorkspace();
        PruningPlan plan = editor.current();
        if (w == null || plan == null) {
            return;
        }
        if (exportDialog != null && exportDialog.isShowing()) {
            ((Stage) exportDialog.getDialogPane().getScene().getWindow()).toFront();
            return;
        }
        ExportViewModel vm = new ExportViewModel(w, plan, worker, preferences);
        vm.setOnError((header, text) -> dialogs.showError("Export failed", header, text));
        // Images already chosen in the measure window exercise the model better than synthetic inputs.
        vm.setProofInputs(measureWindow == null ? null : measureWindow.proofInputs(w));
        exportDialog = new ExportDialog(stage, vm, w.model().displayName());
        dialogs.style(exportDialog);
        exportDialog.show();
    }

    ExportDialog exportDialog() {
        return exportDialog;
    }

    /** Sensitivity analyses the measure window runs also go here (the inspector's curve, the table's column). */
    void setOnSensitivity(Consumer<SensitivityResult> consumer) {
        this.onSensitivity = consumer;
    }

    /** A theme change reaches the export dialog and the measure window too (they may stay open meanwhile). */
    void applyStylesheets(List<String> stylesheets) {
        if (exportDialog != null) {
            exportDialog.getDialogPane().getStylesheets().setAll(stylesheets);
        }
        if (measureWindow != null) {
            measureWindow.stage().getScene().getStylesheets().setAll(stylesheets);
        }
    }

    /** Stops a running export (the window is closing). */
    void cancel() {
        if (exportDialog != null) {
            exportDialog.viewModel().cancel();
        }
    }
}
