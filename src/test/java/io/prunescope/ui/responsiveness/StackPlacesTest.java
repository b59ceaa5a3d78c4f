package io.prunescope.ui.responsiveness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A sampled stack is named after our innermost frame and the pulse phase around it, or JavaFX's own frame. */
class StackPlacesTest {

    private static StackTraceElement f(String cls, String method, int line) {
        return new StackTraceElement(cls, method, cls.substring(cls.lastIndexOf('.') + 1) + ".java", line);
    }

    @Test
    void ourFrameInsideALayoutPassIsNamedWithTheLayoutPhase() {
        StackTraceElement[] stack = {
                f("java.util.HashMap", "putVal", 629),
                f("io.prunescope.ui.LayerRow", "row", 52),
                f("io.prunescope.ui.LayerTableView", "install", 81),
                f("javafx.scene.Parent", "layout", 1208),
                f("javafx.scene.Scene", "doLayoutPass", 594),
                f("com.sun.javafx.tk.Toolkit", "runPulse", 400)};
        assertThat(StackPlaces.describe(stack)).isEqualTo("LayerRow.row(LayerRow.java:52) [layout]");
    }

    @Test
    void aStackWithoutOurCodeIsJavaFxsOwnWorkNamedByPhaseAndInnermostFrame() {
        StackTraceElement[] stack = {
                f("javafx.scene.Node", "processCSS", 9),
                f("javafx.scene.Scene", "doCSSPass", 570),
                f("com.sun.javafx.tk.Toolkit", "runPulse", 400)};
        assertThat(StackPlaces.describe(stack)).isEqualTo("JavaFX CSS at Node.processCSS(Node.java:9)");
    }

    @Test
    void workPostedWithRunLaterIsNamedSoAndTheWatchdogsOwnFramesAreSkipped() {
        StackTraceElement[] stack = {
                f("io.prunescope.ui.responsiveness.FxStallWatchdog", "beat", 1),
                f("io.prunescope.ui.preview.ChartsPanel", "updateBars", 190),
                f("com.sun.javafx.application.PlatformImpl", "lambda$runLater$10", 456)};
        assertThat(StackPlaces.describe(stack)).isEqualTo("ChartsPanel.updateBars(ChartsPanel.java:190) [runLater]");
    }
}
