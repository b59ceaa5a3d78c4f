package io.prunescope.ui.about;

import io.prunescope.about.BuildInfo;
import io.prunescope.about.BundledLibrary;
import io.prunescope.ui.Screenshot;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Help ▸ About: the view model's texts, and the dialog showing them with every bundled library. */
@ExtendWith(ApplicationExtension.class)
class AboutDialogTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @Test
    void theRunningJavaFxWinsOverTheBuildsAndMissingNoticesAreSaid() {
        BuildInfo build = new BuildInfo("9.9.9", "1.21.0", "21.0.11");
        List<BundledLibrary> libs = List.of(new BundledLibrary("a:b", "1.0", "Lib B", "MIT", "https://b"));
        AboutViewModel running = new AboutViewModel(build, "22.0.2", "17 (X)", libs, Optional.of("notes"));
        assertThat(running.titleProperty().get()).isEqualTo("PruneScope 9.9.9");
        assertThat(running.versionsProperty().get()).isEqualTo("ONNX Runtime 1.21.0\nJavaFX 22.0.2\nJava 17 (X)");
        assertThat(running.libraries()).containsExactly(new AboutViewModel.LibraryRow("Lib B", "1.0", "MIT",
                "https://b"));
        assertThat(running.noticesProperty().get()).isEqualTo("notes");

        AboutViewModel unknown = new AboutViewModel(build, null, "17 (X)", libs, Optional.empty());
        assertThat(unknown.versionsProperty().get()).contains("JavaFX 21.0.11");
        assertThat(unknown.noticesProperty().get()).contains("missing");
    }

    @Test
    void theDialogShowsTheBuildsVersionLibrariesAndNotices(FxRobot robot) throws Exception {
        AboutViewModel vm = AboutViewModel.current(System.getProperty("javafx.runtime.version"));
        robot.interact(() -> new AboutDialog(stage, vm).show());
        WaitForAsyncUtils.waitForFxEvents();
        Label title = robot.lookup("#aboutTitle").queryAs(Label.class);
        assertThat(title.getText()).isEqualTo(BuildInfo.current().title());
        TableView<?> table = robot.lookup("#aboutLibraries").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(BundledLibrary.all().size());
        // a text area drops control characters but tab and newline (the notices have \r\n line ends and \f)
        assertThat(robot.lookup("#aboutNotices").queryAs(TextArea.class).getText())
                .isEqualTo(io.prunescope.about.ThirdPartyNotices.onnxRuntime().orElseThrow()
                        .replaceAll("[\\p{Cc}&&[^\t\n]]", ""));
        assertThat(robot.lookup("#aboutVersions").queryAs(Label.class).getText())
                .contains("ONNX Runtime " + BuildInfo.current().onnxRuntimeVersion());
        robot.interact(() -> {
            try {
                Screenshot.write(title.getScene(), Path.of("target/ui-screenshots/about.png"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
