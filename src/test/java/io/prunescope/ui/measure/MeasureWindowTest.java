package io.prunescope.ui.measure;

import io.prunescope.measure.BundledSample;
import io.prunescope.model.InputBindings;
import io.prunescope.prune.PruningPlan;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import javafx.scene.control.Button;
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

/** The measure window opens headless, runs a sensitivity analysis and draws its curves. */
class MeasureWindowTest {

    @Test
    void runsSensitivityAndChartsIt(@TempDir Path home) throws Exception {
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
            WaitForAsyncUtils.asyncFx(() -> {
                io.prunescope.ui.Screenshot.write(w.stage().getScene(),
                        Path.of("target/ui-screenshots", "measure-sensitivity.png"));
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
}
