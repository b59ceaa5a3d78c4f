package io.prunescope.ui.responsiveness;

/**
 * Names the place a sampled FX-thread stack stands for: the innermost frame of our own code (what to fix), together
 * with the JavaFX pulse phase it ran in (CSS, layout, rendering) or, outside a pulse, that it ran from a
 * {@code Platform.runLater}/listener. A stack without our code is JavaFX's own work, named by its phase and innermost
 * frame.
 */
final class StackPlaces {

    private static final String OURS = "io.prunescope.";
    /** The heartbeat runs inside every pulse: its frames say nothing about a stall. */
    private static final String WATCHDOG = FxStallWatchdog.class.getName();

    private StackPlaces() {
    }

    static String describe(StackTraceElement[] stack) {
        if (stack.length == 0) {
            return "(no stack)";
        }
        String phase = phase(stack);
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (c.startsWith(OURS) && !c.equals(WATCHDOG) && !c.startsWith(WATCHDOG + "$")) {
                return frame(f) + " [" + phase + "]";
            }
        }
        return "JavaFX " + phase + " at " + frame(stack[0]);
    }

    /** The pulse phase: the innermost JavaFX frame that names one (CSS inside a pulse is CSS, not just "pulse"). */
    static String phase(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            String m = f.getMethodName();
            String c = f.getClassName();
            if (m.equals("doCSSPass") || m.equals("processCSS") && c.equals("javafx.scene.Scene")) {
                return "CSS";
            }
            if (m.equals("doLayoutPass")) {
                return "layout";
            }
            if (m.equals("synchronizeSceneNodes") || m.equals("synchronizeSceneProperties")) {
                return "sync";
            }
            if (c.startsWith("com.sun.javafx.tk.quantum.PaintCollector") || m.equals("waitForRenderingToComplete")) {
                return "render";
            }
            if (c.equals("com.sun.javafx.tk.Toolkit") && m.equals("runPulse")) {
                return "pulse";
            }
            if (c.startsWith("com.sun.javafx.application.PlatformImpl") && m.startsWith("lambda$runLater")) {
                return "runLater";
            }
            if (c.startsWith("com.sun.scenario.animation.AbstractPrimaryTimer")
                    || c.startsWith("com.sun.scenario.animation.AbstractMasterTimer")) {
                return "animation";
            }
        }
        return "event";
    }

    private static String frame(StackTraceElement f) {
        String c = f.getClassName();
        return c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethodName() + "(" + f.getFileName() + ":"
                + f.getLineNumber() + ")";
    }
}
