package io.prunescope.ui;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.prunescope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status bar keeps its height when a load's progress row appears and goes: a bar that grew by the row resized
 * every panel above it, and the whole window was laid out and painted again twice per open (issue 13).
 */
@ExtendWith(ApplicationExtension.class)
class StatusBarTest {

    /** Load tasks are held here, never run: the loader stays busy until cancelled. */
    private final List<Runnable> held = new ArrayList<>();
    private ModelLoader loader;
    private StatusBar bar;
    private Region content;

    @Start
    void start(Stage stage) {
        loader = new ModelLoader(WorkspaceOpener.DEFAULT, held::add, new MainViewModel(), new LoadInteraction() {
            @Override
            public void showLoadError(java.nio.file.Path file, String message) {
            }

            @Override
            public void askDimensions(io.prunescope.model.Model model, io.prunescope.model.InputBindings current,
                                      List<String> missing,
                                      java.util.function.Consumer<Optional<io.prunescope.model.InputBindings>> answer) {
            }
        });
        bar = new StatusBar(new MainViewModel(), loader);
        content = new Region();
        BorderPane root = new BorderPane(content);
        root.setBottom(bar);
        Scene scene = new Scene(root, 900, 400);
        scene.getStylesheets().addAll(Theme.LIGHT.stylesheets());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void heightAndThePanelsAboveStayWhileALoadShowsItsProgress(FxRobot robot) throws Exception {
        double idleBar = bar.getHeight();
        double idleContent = content.getHeight();
        Node busyRow = robot.lookup("#loadProgress").query().getParent();
        assertThat(busyRow.isVisible()).isFalse();

        robot.interact(() -> loader.open(TestModels.RESIDUAL));
        waitUntil(() -> busyRow.isVisible() && bar.getHeight() > 0);
        robot.interact(() -> { });
        double busyBar = bar.getHeight();
        double busyContent = content.getHeight();
        // the row is really there and sets the height: the bar holds it with the bar's padding
        assertThat(busyRow.getLayoutBounds().getHeight()).isPositive();
        assertThat(busyBar).isGreaterThanOrEqualTo(busyRow.getLayoutBounds().getHeight()
                + bar.snappedTopInset() + bar.snappedBottomInset() - 0.5);

        robot.interact(loader::cancel);
        waitUntil(() -> !busyRow.isVisible());
        robot.interact(() -> { });

        assertThat(idleBar).isPositive().isEqualTo(busyBar);
        assertThat(bar.getHeight()).isEqualTo(idleBar);
        assertThat(busyContent).isEqualTo(idleContent);
        assertThat(content.getHeight()).isEqualTo(idleContent);
        assertThat(held).hasSize(1);
    }
}
