package io.prunescope.ui;

import io.prunescope.model.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.prunescope.ui.UiTestSupport.openAndWait;
import static io.prunescope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Help ▸ Learn opens on the layer selected in the main window; Help ▸ Guided Tour highlights the parts it names. */
class LearnFromMainWindowTest extends MainWindowTestBase {

    @Start
    void start(Stage stage) throws Exception {
        showWindow(stage);
    }

    private static final Path SAMPLE = Path.of("assets/models/fashion-resnet.onnx");

    @Test
    @SuppressWarnings("unchecked")
    void learnOpensOnTheSelectedLayerAndTheTourWalksTheWindow(FxRobot robot) throws Exception {
        assumeTrue(Files.isRegularFile(SAMPLE), "Fashion sample not in assets/");
        openAndWait(robot, window, SAMPLE);
        Node conv = window.document().getAnalysis().model().graph().nodes().stream()
                .filter(n -> n.displayName().equals("/stage3/conv1/Conv")).findFirst().orElseThrow();
        robot.interact(() -> window.document().selectedNodeProperty().set(conv));
        robot.interact(() -> item("menuLearn").fire());
        Stage learn = (Stage) Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Learn"))
                .findFirst().orElseThrow();
        ComboBox<String> layer = (ComboBox<String>) learn.getScene().lookup("#learnLayer");
        assertThat(layer.getValue()).isEqualTo("/stage3/conv1/Conv");
        javafx.scene.control.Label status = (javafx.scene.control.Label) learn.getScene().lookup("#learnStatus");
        waitUntil(() -> status.getText().startsWith("/stage3/conv1/Conv: 64 filters × 32 channels × 3×3"));
        robot.interact(() -> {
            try {
                Screenshot.write(learn.getScene(), Path.of("target/ui-screenshots", "learn-from-main.png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        robot.interact(() -> item("menuTour").fire());
        javafx.scene.Node table = window.scene().lookup("#layerTable");
        waitUntil(() -> table.getEffect() != null);
        robot.interact(() -> robot.lookup("#tourNext").queryButton().fire());
        waitUntil(() -> table.getEffect() == null && window.scene().lookup("#networkCanvas").getEffect() != null);
    }

    private MenuItem item(String id) {
        MenuBar bar = (MenuBar) window.scene().lookup("#menuBar");
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream()).filter(i -> id.equals(i.getId()))
                .findFirst().orElseThrow();
    }
}
