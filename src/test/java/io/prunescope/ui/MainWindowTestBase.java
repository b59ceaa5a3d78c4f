package io.prunescope.ui;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

import java.nio.file.Files;
import java.util.UUID;
import java.util.prefs.Preferences;

/**
 * A real main window on a stage of its own, with throw-away preferences and home folder, for tests that drive the
 * window as a user does (menus, shortcuts, opening models).
 */
@ExtendWith(ApplicationExtension.class)
abstract class MainWindowTestBase {

    protected final Preferences prefs = Preferences.userRoot().node("io/prunescope/test/" + UUID.randomUUID());
    protected final UiTestSupport.SwitchableOpener opener = new UiTestSupport.SwitchableOpener();
    protected MainWindow window;
    protected Stage stage;

    /** Call from the subclass's {@code @Start} method (TestFX does not look for inherited ones). */
    protected void showWindow(Stage stage) throws Exception {
        this.stage = stage;
        window = new MainWindow(stage, UiTestSupport.services(opener, prefs,
                Files.createTempDirectory("ps-home")));
        window.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        prefs.removeNode();
    }
}
