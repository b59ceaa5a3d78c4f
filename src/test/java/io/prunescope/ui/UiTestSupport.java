package io.prunescope.ui;

import io.prunescope.model.InputBindings;
import io.prunescope.onnx.ModelLoadException;
import io.prunescope.session.Autosave;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import javafx.scene.control.Label;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

/** Shared plumbing of the TestFX tests: services with a temporary autosave folder, waiting, lookups. */
final class UiTestSupport {

    private UiTestSupport() {
    }

    /** An opener that delegates to {@code delegate} (tests swap it to slow the analysis down). */
    static final class SwitchableOpener implements WorkspaceOpener {
        volatile WorkspaceOpener delegate = WorkspaceOpener.DEFAULT;

        @Override
        public Workspace.Source read(Path file) throws ModelLoadException {
            return delegate.read(file);
        }

        @Override
        public Workspace open(Workspace.Source source, InputBindings bindings, CancellationToken cancel,
                              Progress progress) {
            return delegate.open(source, bindings, cancel, progress);
        }
    }

    static UiServices services(WorkspaceOpener opener, Preferences prefs, Path home) {
        return new UiServices(opener, prefs, new Autosave(home));
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        waitUntil(20, condition);
    }

    static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** Opens a model and waits until it is open and its preview computed. */
    static void openAndWait(FxRobot robot, MainWindow window, Path file) throws Exception {
        robot.interact(() -> window.open(file));
        waitUntil(() -> !window.loader().busyProperty().get());
        waitIdle(window);
    }

    /** Waits until the preview of the current plan is on screen. */
    static void waitIdle(MainWindow window) throws Exception {
        waitUntil(() -> window.document().getWorkspace() == null
                || (!window.previews().busyProperty().get()
                && window.previews().previewedPlanProperty().get() == window.editor().current()));
    }
}
