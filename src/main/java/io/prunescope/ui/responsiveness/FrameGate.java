package io.prunescope.ui.responsiveness;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Holds background work back while the FX thread installs a model, and lets it go once the window has shown a frame
 * of the installed model.
 *
 * <p>Why: a model's installation fires the listeners of the table, summary, charts and network view in one go, and
 * each of them starts a worker (network layout, preview, heatmaps, histogram scores, autosave). On two cores those
 * workers took the CPU from the FX thread exactly while it built the table: the FX thread got a fifth of a core and a
 * 150 ms installation became a 1 s frozen window. With the gate closed during the installation the workers' tasks are
 * queued instead of started; the FX thread finishes the table and shows it, and the tasks start after that frame
 * (one pulse later, ~17 ms: nothing a person waits for). Tasks keep their order per executor.
 *
 * <p>One gate for the window: {@link #shared()}; executors are wrapped with {@link #holding(Executor)}.
 */
public final class FrameGate {

    private static final FrameGate SHARED = new FrameGate();

    private record Held(Executor target, Runnable task) {
    }

    private final List<Held> held = new ArrayList<>();
    private int closings;

    /** The window's gate. */
    public static FrameGate shared() {
        return SHARED;
    }

    /** An executor that hands tasks to {@code target}, or holds them while this gate is closed. */
    public Executor holding(Executor target) {
        return task -> {
            synchronized (held) {
                if (closings > 0) {
                    held.add(new Held(target, task));
                    return;
                }
            }
            target.execute(task);
        };
    }

    /**
     * Runs {@code install} on the FX thread with the gate closed; the gate opens after the next frame has been
     * rendered (the first frame showing what {@code install} changed), and the tasks held meanwhile start then.
     */
    public void closedDuring(Runnable install) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("install models on the FX thread");
        }
        synchronized (held) {
            closings++;
        }
        try {
            install.run();
        } finally {
            afterNextFrame(this::open);
        }
    }

    /** True while an installation holds tasks back (for tests). */
    public boolean isClosed() {
        synchronized (held) {
            return closings > 0;
        }
    }

    private void open() {
        List<Held> release;
        synchronized (held) {
            if (--closings > 0) {
                return;
            }
            release = List.copyOf(held);
            held.clear();
        }
        release.forEach(h -> h.target().execute(h.task()));
    }

    /**
     * Runs {@code action} on the FX thread once the next pulse has been processed: an animation timer is called at
     * the start of the pulse (before CSS, layout and rendering), so the action is posted from there and runs after
     * that pulse.
     */
    public static void afterNextFrame(Runnable action) {
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                Platform.runLater(action);
            }
        }.start();
    }
}
