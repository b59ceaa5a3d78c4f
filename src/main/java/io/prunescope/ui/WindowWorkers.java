package io.prunescope.ui;

import io.prunescope.ui.responsiveness.FrameGate;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The main window's worker threads. All are daemons at the lowest priority: where the OS honours Java priorities
 * (Linux with {@code -XX:ThreadPriorityPolicy=1}, Windows, macOS) they yield to the FX thread. The ones a model's
 * installation starts (preview, scores, autosave) are reached through the {@link FrameGate}, which holds their tasks
 * until the installed model has been drawn once (src/docs/time-to-interactive.md).
 */
final class WindowWorkers {

    /** Loading, exporting and verifying: one long task at a time (not gated: nothing installs while it runs). */
    final ExecutorService loading = executor("prunescope-worker");
    /** The live preview (decide + costs) and the summary's latency prediction, latest request wins. */
    private final ExecutorService previews = executor("prunescope-preview");
    /** Scores for the histogram. */
    private final ExecutorService scores = executor("prunescope-scores");
    /** Small file reads and writes: sessions, plans, autosave. */
    private final ExecutorService io = executor("prunescope-io");
    final Executor gatedPreviews;
    final Executor gatedScores;
    final Executor gatedIo;

    WindowWorkers(FrameGate gate) {
        gatedPreviews = gate.holding(previews);
        gatedScores = gate.holding(scores);
        gatedIo = gate.holding(io);
    }

    private static ExecutorService executor(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    /** Lets queued file writes finish (autosave) and stops the rest. */
    void shutdown() {
        io.shutdown();
        loading.shutdownNow();
        previews.shutdownNow();
        scores.shutdownNow();
    }
}
