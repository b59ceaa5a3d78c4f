package io.prunescope.ui.measure;

import io.prunescope.measure.BundledSample;
import io.prunescope.model.InputBindings;
import io.prunescope.prune.PruningPlan;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import io.prunescope.measure.Recovery;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The measure window opens headless, runs a sensitivity analysis, draws its curves and proposes a budget plan. */
class MeasureWindowTest {

    @Test
    void runsSensitivityChartsItAndProposesAMeasuredBudgetPlan(@TempDir Path home) throws Exception {
        assumeTrue(BundledSample.isPresent(BundledSample.defaultAssets()), "Fashion sample not in assets/");
        String old = System.getProperty("prunescope.home");
        System.setProperty("prunescope.home", home.toString());
        try {
            FxToolkit.registerPrimaryStage();
            Workspace ws = Workspace.open(BundledSample.defaultAssets().resolve(BundledSample.MODEL),
                    InputBindings.none(), CancellationToken.NEVER, Progress.NONE);
            AtomicReference<PruningPlan> applied = new AtomicReference<>();
            AtomicReference<MeasureWindow> window = new AtomicReference<>();
            WaitForAsyncUtils.asyncFx(() -> window.set(MeasureWindow.show(ws, ws::emptyPlan, applied::set))).get();
            MeasureWindow w = window.get();
            assertThat(w.stage().isShowing()).isTrue();
            WaitForAsyncUtils.asyncFx(() -> {
                w.limit.getValueFactory().setValue(100);
                TabPane tabs = (TabPane) w.stage().getScene().lookup(".tab-pane");
                tabs.getTabs().stream().filter(t -> t.getText().equals("Sensitivity")).findFirst()
                        .ifPresent(t -> tabs.getSelectionModel().select(t));
            }).get();
            WaitForAsyncUtils.waitForFxEvents();
            Button run = (Button) w.stage().getScene().getRoot().lookupAll(".button").stream()
                    .filter(n -> n instanceof Button b && b.getText().equals("Run sensitivity")).findFirst().orElseThrow();
            WaitForAsyncUtils.asyncFx(run::fire).get();
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !w.isBusy() && w.log.getText().contains("groups"));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(w.log.getText()).contains("6 groups");
            assertThat(w.chart.getChart().getXYPlot().getDataset().getSeriesCount()).isEqualTo(6);
            // the ratio axis reads 0–100 %, the metric in % (the curves' values × 100)
            var plot = w.chart.getChart().getXYPlot();
            assertThat(plot.getDomainAxis().getLowerBound()).isEqualTo(0);
            assertThat(plot.getDomainAxis().getUpperBound()).isEqualTo(100);
            assertThat(plot.getRangeAxis().getLabel()).isEqualTo("top-1 accuracy (%)");
            assertThat(plot.getDataset().getYValue(0, 0)).isGreaterThan(1);
            WaitForAsyncUtils.asyncFx(() -> {
                io.prunescope.ui.Screenshot.write(w.stage().getScene(),
                        Path.of("target/ui-screenshots", "measure-sensitivity.png"));
                return null;
            }).get();

            // Budget: propose, measure and recover in the window; the chosen plan is the one applied
            WaitForAsyncUtils.asyncFx(() -> {
                TabPane tabs = (TabPane) w.stage().getScene().lookup(".tab-pane");
                tabs.getTabs().stream().filter(t -> t.getText().equals("Budget")).findFirst()
                        .ifPresent(t -> tabs.getSelectionModel().select(t));
            }).get();
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.asyncFx(() -> {
                @SuppressWarnings("unchecked")
                ComboBox<Recovery.Mode> recover = (ComboBox<Recovery.Mode>) w.stage().getScene()
                        .lookup("#budgetRecovery");
                recover.getSelectionModel().select(Recovery.Mode.BIAS);
                ((CheckBox) w.stage().getScene().lookup("#recoveryAware")).setSelected(false);
                button(w, "Propose").fire();
            }).get();
            WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !w.isBusy() && w.log.getText().contains("chosen:"));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(w.log.getText()).contains("round 1: FLOPs −").contains("predicted").contains("measured")
                    .contains("recovered (bias)");
            @SuppressWarnings("unchecked")
            javafx.scene.control.TableView<io.prunescope.measure.BudgetSearch.Round> table =
                    (javafx.scene.control.TableView<io.prunescope.measure.BudgetSearch.Round>) w.stage().getScene()
                            .lookup("#roundsTable");
            assertThat(table.getItems()).isNotEmpty();
            assertThat(w.log.getText()).contains(String.format(java.util.Locale.ROOT, "measured %.4f",
                    table.getItems().get(0).measured()));
            WaitForAsyncUtils.asyncFx(() -> button(w, "Use as plan").fire()).get();
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(applied.get()).isNotNull();
            assertThat(ws.preview(applied.get()).macReduction()).isGreaterThanOrEqualTo(0.5);
            WaitForAsyncUtils.asyncFx(() -> {
                io.prunescope.ui.Screenshot.write(w.stage().getScene(),
                        Path.of("target/ui-screenshots", "measure-budget.png"));
                return null;
            }).get();
            WaitForAsyncUtils.asyncFx(() -> w.stage().close()).get();
        } finally {
            if (old == null) {
                System.clearProperty("prunescope.home");
            } else {
                System.setProperty("prunescope.home", old);
            }
        }
    }

    private static Button button(MeasureWindow w, String text) {
        return (Button) w.stage().getScene().getRoot().lookupAll(".button").stream()
                .filter(n -> n instanceof Button b && b.getText().equals(text)).findFirst().orElseThrow();
    }
}
