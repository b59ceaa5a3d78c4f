package io.prunescope.ui;

import io.prunescope.model.Node;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.Preview;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.session.Autosave;
import io.prunescope.session.SessionFile;
import io.prunescope.session.Workspace;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.prefs.Preferences;

import static io.prunescope.ui.UiTestSupport.openAndWait;
import static io.prunescope.ui.UiTestSupport.text;
import static io.prunescope.ui.UiTestSupport.waitIdle;
import static io.prunescope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The pruning workflow end to end: edit, preview, undo/redo, export with verification, sessions, plans. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchTest {

    private final Preferences prefs = Preferences.userRoot().node("io/prunescope/test/" + UUID.randomUUID());
    private MainWindow window;
    private Path home;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws Exception {
        home = Files.createTempDirectory("ps-home");
        window = new MainWindow(stage, UiTestSupport.services(WorkspaceOpener.DEFAULT, prefs, home));
        window.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        prefs.removeNode();
    }

    private Workspace workspace() {
        return window.document().getWorkspace();
    }

    private void selectLayerInTable(FxRobot robot, String name) throws Exception {
        LayerTables.scrollTo(robot, name);
        robot.clickOn(robot.lookup(".tree-table-cell").match(LabeledMatchers.hasText(name))
                .queryAs(javafx.scene.Node.class));
        waitUntil(() -> window.document().selectedNodeProperty().get() != null
                && window.document().selectedNodeProperty().get().displayName().equals(name));
    }

    /** The summary shows exactly what {@code Workspace.preview(plan)} computes for the current plan. */
    private void assertSummaryMatchesEngine(FxRobot robot) throws Exception {
        waitIdle(window);
        Preview expected = workspace().preview(window.editor().current());
        assertThat(text(robot, "#summaryParams")).isEqualTo(SummaryViewModel.params(expected));
        assertThat(text(robot, "#summaryMacs")).isEqualTo(SummaryViewModel.macs(expected));
        assertThat(text(robot, "#summaryGflops")).isEqualTo(SummaryViewModel.gflops(expected));
        assertThat(text(robot, "#summarySparsity")).isEqualTo(Formats.percent(expected.sparsity()));
    }

    @SuppressWarnings("unchecked")
    private <T> ComboBox<T> combo(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(ComboBox.class);
    }

    @Test
    void editPreviewUndoRedoExportAndSessionRoundTrip(FxRobot robot) throws Exception {
        openAndWait(robot, window, TestModels.RESIDUAL);
        String before = text(robot, "#summaryParams");
        assertThat(before).isEqualTo(Formats.count(workspace().analysis().totalParams()));
        selectLayerInTable(robot, TestModels.LAYER);

        // Coupling is visible: the group's nodes are highlighted and listed.
        Node layer = window.document().selectedNodeProperty().get();
        var group = workspace().dependencies().outputGroup(layer).orElseThrow();
        assertThat(window.document().highlightedNodes())
                .containsExactlyInAnyOrderElementsOf(group.nodes().stream().map(Node::index).toList());
        assertThat(text(robot, "#couplingSummary")).startsWith("Coupled with ").contains("16 channels");
        assertThat(robot.lookup("#couplingReasons").queryAs(javafx.scene.layout.VBox.class).getChildren())
                .hasSize(group.couplingReasons().size());

        // Granularity: only what applies to a conv; FPGM disabled for weight granularity.
        ComboBox<Granularity> gran = combo(robot, "#granularityBox");
        assertThat(gran.getItems()).contains(Granularity.FILTER, Granularity.STRIPE, Granularity.N_M)
                .doesNotContain(Granularity.NEURON);
        robot.interact(() -> gran.setValue(Granularity.CHANNEL));
        assertThat(window.editor().current().settingFor(TestModels.LAYER).granularity())
                .isEqualTo(Granularity.CHANNEL);
        assertThat(window.editor().undoTextProperty().get()).isEqualTo("Undo granularity of " + TestModels.LAYER);

        // Ratio typed in the field.
        TextField ratio = robot.lookup("#ratioField").queryAs(TextField.class);
        robot.clickOn(ratio).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("0.5").type(KeyCode.ENTER);
        waitUntil(() -> window.editor().current().settingFor(TestModels.LAYER).ratio() == 0.5);
        assertThat(robot.lookup("#ratioSlider").queryAs(javafx.scene.control.Slider.class).getValue())
                .isEqualTo(0.5);
        assertSummaryMatchesEngine(robot);
        String after = text(robot, "#summaryParams");
        assertThat(after).isNotEqualTo(before).contains("→");
        PruningPlan edited = window.editor().current();
        LayerRow row = LayerTables.rows(robot).stream().filter(r -> r.name().equals(TestModels.LAYER)).findFirst()
                .orElseThrow();
        assertThat(row.prunable()).isTrue();

        // An invalid ratio changes nothing and marks the field.
        robot.interact(() -> {
            ratio.setText("1.5");
            ratio.fireEvent(new javafx.event.ActionEvent());
        });
        assertThat(ratio.getPseudoClassStates()).anyMatch(p -> p.getPseudoClassName().equals("invalid"));
        assertThat(window.editor().current()).isEqualTo(edited);

        // Undo (Ctrl+Z) twice restores the original numbers; redo (Ctrl+Shift+Z, Ctrl+Y) brings them back.
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitUntil(() -> window.editor().current().settingFor(TestModels.LAYER).ratio() == 0);
        robot.interact(() -> window.undo());
        assertSummaryMatchesEngine(robot);
        assertThat(text(robot, "#summaryParams")).isEqualTo(before);
        assertThat(window.editor().current()).isEqualTo(workspace().emptyPlan());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        waitUntil(() -> window.editor().current().equals(edited));
        assertSummaryMatchesEngine(robot);
        assertThat(text(robot, "#summaryParams")).isEqualTo(after);

        // Protect the layer: its filters stay, the table says so.
        robot.clickOn("#protectBox");
        waitUntil(() -> window.editor().current().settingFor(TestModels.LAYER).protect());
        assertSummaryMatchesEngine(robot);
        assertThat(robot.lookup(".tree-table-cell").match(LabeledMatchers.hasText("protected")).tryQuery())
                .isPresent();
        robot.clickOn("#protectBox");
        waitUntil(() -> window.editor().current().equals(edited));

        // Export to a temporary folder with verification.
        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#exportDialog").tryQuery().isPresent());
        Path out = tmp.resolve("out");
        robot.interact(() -> {
            robot.lookup("#exportFolder").queryAs(TextField.class).setText(out.toString());
            robot.lookup("#exportBase").queryAs(TextField.class).setText("res");
            robot.lookup("#exportSoft").queryAs(CheckBox.class).setSelected(true);
        });
        robot.clickOn("#exportRun");
        waitUntil(60, () -> window.exportDialog().viewModel().verifiedProperty().get() != null);
        String result = robot.lookup("#exportResult").queryAs(TextArea.class).getText();
        assertThat(result).startsWith("VERIFIED").contains("Shape checks").contains("Params:");
        // A ControlsFX notification tells the verdict over the main window.
        waitUntil(() -> javafx.stage.Window.getWindows().stream().anyMatch(w -> w instanceof javafx.stage.Popup
                && w.getScene() != null && w.getScene().getRoot().lookup(".notification-bar") != null));
        robot.interact(() -> {
            try {
                io.prunescope.ui.Screenshot.write(window.exportDialog().getDialogPane().getScene(),
                        Path.of("target/ui-screenshots", "export-verified.png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(out.resolve("res-hard.onnx")).isNotEmptyFile();
        assertThat(out.resolve("res-soft.onnx")).isNotEmptyFile();
        assertThat(out.resolve("res-plan.json")).isNotEmptyFile();
        assertThat(prefs.get("export.folder", null)).isEqualTo(out.toString());
        robot.interact(() -> window.exportDialog().close());

        // Session round trip: save, close, open → same model and plan.
        Path session = tmp.resolve("s.session.json");
        robot.interact(() -> window.saveSession(session));
        waitUntil(() -> Files.isRegularFile(session));
        robot.interact(() -> window.closeModel());
        assertThat(window.document().getWorkspace()).isNull();
        robot.interact(() -> window.openSession(session));
        waitUntil(() -> window.document().getWorkspace() != null && !window.loader().busyProperty().get());
        assertThat(window.editor().current()).isEqualTo(edited);
        assertThat(window.editor().canUndoProperty().get()).isFalse();
        assertSummaryMatchesEngine(robot);
        assertThat(text(robot, "#summaryParams")).isEqualTo(after);

        // The autosave holds the current plan.
        waitUntil(() -> Files.isRegularFile(home.resolve("autosave-session.json")));
        waitUntil(() -> SessionFile.read(home.resolve("autosave-session.json")).plan().equals(edited));
    }

    @Test
    void sliderDragIsOneUndoStepAndDefaultsApplyToAll(FxRobot robot) throws Exception {
        openAndWait(robot, window, TestModels.RESIDUAL);
        selectLayerInTable(robot, TestModels.LAYER);
        javafx.scene.control.Slider slider = robot.lookup("#ratioSlider").queryAs(javafx.scene.control.Slider.class);
        robot.interact(() -> {
            slider.setValueChanging(true);
            for (double v = 0.05; v <= 0.41; v += 0.05) {
                slider.setValue(v);
            }
            slider.setValueChanging(false);
        });
        assertThat(window.editor().current().settingFor(TestModels.LAYER).ratio()).isCloseTo(0.4,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(robot.lookup("#ratioField").queryAs(TextField.class).getText()).isEqualTo("0.4");
        robot.interact(() -> window.undo());
        assertThat(window.editor().current()).isEqualTo(workspace().emptyPlan());
        assertSummaryMatchesEngine(robot);

        // Defaults: L2 at 0.25 on every layer, rounded to 8.
        robot.interact(() -> {
            combo(robot, "#defaultCriterionBox").setValue(Criterion.L2);
            robot.lookup("#defaultRatioField").queryAs(TextField.class).setText("25%");
            robot.lookup("#defaultRatioField").queryAs(TextField.class).fireEvent(new javafx.event.ActionEvent());
            combo(robot, "#roundToBox").setValue(8);
        });
        robot.interact(() -> robot.lookup("#applyDefaults").queryAs(Button.class).fire());
        PruningPlan p = window.editor().current();
        assertThat(p.defaults()).isEqualTo(new LayerSetting(Granularity.FILTER, Criterion.L2, 0.25, false, 2, 4));
        assertThat(p.roundTo()).isEqualTo(8);
        assertThat(window.editor().undoTextProperty().get()).isEqualTo("Undo round to 8");
        assertSummaryMatchesEngine(robot);
        assertThat(LayerTables.rows(robot).stream().filter(LayerRow::prunable).map(r -> 0)).isNotEmpty();
    }

    @Test
    void multiSelectionEditsEveryLayer(FxRobot robot) throws Exception {
        openAndWait(robot, window, TestModels.RESIDUAL);
        List<String> convs = workspace().analysis().prunableLayers().stream().map(l -> l.name())
                .filter(n -> n.endsWith("Conv")).limit(3).toList();
        robot.interact(() -> {
            var t = LayerTables.table(robot);
            var sm = t.getSelectionModel();
            sm.clearSelection();
            for (String n : convs) {
                sm.select(LayerTables.find(t.getRoot(), n));
            }
        });
        waitUntil(() -> text(robot, "#pruneTarget").equals("3 layers"));
        robot.interact(() -> combo(robot, "#criterionBox").setValue(Criterion.FPGM));
        TextField ratio = robot.lookup("#ratioField").queryAs(TextField.class);
        robot.interact(() -> {
            ratio.setText("0.25");
            ratio.fireEvent(new javafx.event.ActionEvent());
        });
        for (String n : convs) {
            assertThat(window.editor().current().settingFor(n).criterion()).isEqualTo(Criterion.FPGM);
            assertThat(window.editor().current().settingFor(n).ratio()).isEqualTo(0.25);
        }
        assertThat(window.editor().undoTextProperty().get()).isEqualTo("Undo ratio of 3 layers");
        assertSummaryMatchesEngine(robot);
    }

    @Test
    void unsupportedCriteriaAreDisabledWithTheReason(FxRobot robot) throws Exception {
        openAndWait(robot, window, TestModels.RESIDUAL);
        selectLayerInTable(robot, TestModels.LAYER);
        ComboBox<Criterion> criteria = combo(robot, "#criterionBox");
        robot.interact(() -> combo(robot, "#granularityBox").setValue(Granularity.WEIGHT));
        robot.clickOn(criteria);
        waitUntil(() -> robot.lookup(".list-cell").match(LabeledMatchers.hasText(Criterion.FPGM.label()))
                .tryQuery().isPresent());
        javafx.scene.control.ListCell<?> fpgm = robot.lookup(".combo-box-popup .list-cell")
                .match(LabeledMatchers.hasText(Criterion.FPGM.label())).queryAs(javafx.scene.control.ListCell.class);
        assertThat(fpgm.isDisabled()).isTrue();
        assertThat(fpgm.getTooltip().getText()).startsWith("Not available: ");
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void aPlanForAnotherModelIsRefused(FxRobot robot) throws Exception {
        Workspace other = Workspace.open(TestModels.CONCAT, io.prunescope.model.InputBindings.none(),
                io.prunescope.task.CancellationToken.NEVER, io.prunescope.task.Progress.NONE);
        Path plan = tmp.resolve("other-plan.json");
        other.savePlan(other.emptyPlan(), plan);
        openAndWait(robot, window, TestModels.RESIDUAL);
        robot.interact(() -> window.loadPlan(plan));
        waitUntil(() -> robot.lookup("#errorDialog").tryQuery().isPresent());
        DialogPane d = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertThat(d.getContentText()).contains("another model");
        robot.clickOn(d.lookupButton(ButtonType.OK));
        assertThat(window.editor().current()).isEqualTo(workspace().emptyPlan());

        // Its own saved plan loads as one undoable step.
        PruningPlan own = workspace().emptyPlan().withLayer(TestModels.LAYER,
                LayerSetting.DEFAULT.withRatio(0.5));
        Path ownFile = tmp.resolve("own-plan.json");
        workspace().savePlan(own, ownFile);
        robot.interact(() -> window.loadPlan(ownFile));
        waitUntil(() -> window.editor().current().equals(own));
        assertThat(window.editor().undoTextProperty().get()).startsWith("Undo load plan");
    }

    @Test
    void exportNeverWritesOverTheOpenModel(FxRobot robot) throws Exception {
        Path model = TestModels.residualCopy(tmp, "m-hard.onnx");
        openAndWait(robot, window, model);
        robot.interact(() -> window.showExport());
        waitUntil(() -> robot.lookup("#exportDialog").tryQuery().isPresent());
        robot.interact(() -> {
            robot.lookup("#exportFolder").queryAs(TextField.class).setText(tmp.toString());
            robot.lookup("#exportBase").queryAs(TextField.class).setText("m");
        });
        robot.clickOn("#exportRun");
        waitUntil(30, () -> robot.lookup("#errorDialog").tryQuery().isPresent());
        DialogPane d = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertThat(d.getContentText()).contains("refusing to overwrite");
        assertThat(Files.readAllBytes(model)).isEqualTo(Files.readAllBytes(TestModels.RESIDUAL));
        robot.clickOn(d.lookupButton(ButtonType.OK));
        robot.interact(() -> window.exportDialog().close());
    }

    @Test
    void aCrashedSessionIsOfferedAtStartUp(FxRobot robot) throws Exception {
        Workspace w = Workspace.open(TestModels.RESIDUAL, io.prunescope.model.InputBindings.none(),
                io.prunescope.task.CancellationToken.NEVER, io.prunescope.task.Progress.NONE);
        PruningPlan plan = w.emptyPlan().withLayer(TestModels.LAYER, LayerSetting.DEFAULT.withRatio(0.25));
        Autosave previous = new Autosave(home);
        previous.markRunning();
        previous.save(new SessionFile(TestModels.RESIDUAL.toAbsolutePath(), w.inputShapes(), plan));
        // that run died: no markStopped()
        robot.interact(() -> window.startup(null, () -> { }));
        waitUntil(() -> robot.lookup("#restoreDialog").tryQuery().isPresent());
        DialogPane d = robot.lookup("#restoreDialog").queryAs(DialogPane.class);
        Button restore = (Button) d.getButtonTypes().stream().filter(b -> b.getText().equals("Restore"))
                .map(d::lookupButton).findFirst().orElseThrow();
        robot.clickOn(restore);
        waitUntil(() -> window.document().getWorkspace() != null && !window.loader().busyProperty().get());
        assertThat(window.editor().current()).isEqualTo(plan);
        assertThat(Files.exists(home.resolve("running.marker"))).isTrue();
        robot.interact(() -> window.shutdown());
        assertThat(Files.exists(home.resolve("running.marker"))).isFalse();
        assertThat(new Autosave(home).crashedSession()).isEmpty();
        assertThat(Map.of()).isEmpty();
    }

    @Test
    void shortcutsAreListed(FxRobot robot) throws Exception {
        robot.type(KeyCode.F1);
        waitUntil(() -> robot.lookup("#shortcutsDialog").tryQuery().isPresent());
        DialogPane d = robot.lookup("#shortcutsDialog").queryAs(DialogPane.class);
        String listed = ((javafx.scene.control.Label) d.getContent()).getText();
        assertThat(listed).contains("Ctrl+Z", "Ctrl+E", "Ctrl+S", "Ctrl+Y");
        robot.clickOn(d.lookupButton(ButtonType.OK));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
