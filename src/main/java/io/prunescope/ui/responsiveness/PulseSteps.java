package io.prunescope.ui.responsiveness;

import javafx.application.Platform;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;

/**
 * Runs a sequence of steps on the FX thread, one step per pulse, so that a long piece of FX-thread work shows up as
 * many short events between frames instead of one frozen frame. A step may also be a wait ({@link #until}): it is
 * polled once per pulse until its condition holds. Used by the window's warm-up (src/docs/time-to-interactive.md).
 */
public final class PulseSteps {

    private final Deque<BooleanSupplier> steps = new ArrayDeque<>();
    private Runnable done = () -> { };

    /** Adds a step that runs once. */
    public PulseSteps then(Runnable step) {
        steps.add(() -> {
            step.run();
            return true;
        });
        return this;
    }

    /** Adds a step that waits, checked once per pulse, until {@code condition} holds. */
    public PulseSteps until(BooleanSupplier condition) {
        steps.add(condition);
        return this;
    }

    /** Starts: the first step runs after the next frame. {@code whenDone} runs after the last step (FX thread). */
    public void start(Runnable whenDone) {
        this.done = whenDone;
        Platform.runLater(() -> FrameGate.afterNextFrame(this::next));
    }

    private void next() {
        BooleanSupplier step = steps.peek();
        if (step == null) {
            done.run();
            return;
        }
        if (step.getAsBoolean()) {
            steps.poll();
        }
        FrameGate.afterNextFrame(this::next);
    }
}
