package io.prunescope.ui;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.session.Workspace;
import io.prunescope.ui.heatmap.HeatmapPanel;
import io.prunescope.ui.responsiveness.EventWaitProbe;
import io.prunescope.ui.responsiveness.FxStallWatchdog;
import io.prunescope.ui.responsiveness.GcPauses;
import io.prunescope.ui.responsiveness.Safepoints;
import io.prunescope.ui.responsiveness.StallReport;
import io.prunescope.ui.responsiveness.ThreadCpuShares;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code --measure-open}: time to interactive in the real window (issue 13). Opens the model as File ▸ Open does,
 * selects the first prunable layer as soon as the model is installed (what a person clicks first), and reports
 * when the network was drawn and that layer's heatmaps were shown (each counted at the first frame after its data
 * arrived), then exits. Meanwhile an {@link AnimationTimer} watches the FX thread: every gap between two pulses
 * longer than 50 ms is a stall a person would see as a frozen window (JavaFX pulses every 16.7 ms when idle), and a
 * {@link FxStallWatchdog} samples the FX thread's stack during each stall, so the report says where each one was
 * (one line per stall after the figures: a user reporting slowness can send these).
 */
final class OpenTimer {

    static final double STALL_MS = 50;
    /** Calm pulses before the file is chosen (see {@link #measure}). */
    private static final int CALM_PULSES = Integer.getInteger("prunescope.measure-open.calm", 30);

    private final MainWindow window;
    private final HeatmapPanel heatmap;
    private final PrintStream out;
    private long start;
    private long installed = -1;
    private long drawn = -1;
    private long heatmapsShown = -1;
    private long lastPulse;
    private double maxGapMs;
    private int stalls;
    private String layer = "";
    private Object diagramBefore;
    private double settled;

    private final Runnable done;
    private WindowWarmUp warmUp;
    /** The longest gap between pulses while the warm-up's FX steps ran (cut in pieces so as not to stall). */
    private double warmUpGapMs;
    /** -Dprunescope.measure-open.sample=false: no stack samples (they are safepoints; benchmarks time without). */
    private final FxStallWatchdog watchdog = new FxStallWatchdog(STALL_MS,
            !"false".equals(System.getProperty("prunescope.measure-open.sample")), r -> { });

    /** How long events waited for the FX thread meanwhile: a frame gap the FX thread was free for is not a stall. */
    private final EventWaitProbe eventWaits = new EventWaitProbe(STALL_MS);
    /** CPU per thread role from the file chosen to the end (Linux): where the two cores went while the model opened. */
    private ThreadCpuShares cpuShares;
    private String cpuSharesLine = "";
    private GcPauses gcPauses;
    private String gcPausesLine = "";
    private Safepoints.Mark safepoints;
    private String safepointsLine = "";

    /** The same watch over the warm-up's steps, before the file is chosen. */
    private final FxStallWatchdog warmUpWatchdog = new FxStallWatchdog(STALL_MS,
            !"false".equals(System.getProperty("prunescope.measure-open.sample")), r -> { });

    /** {@code done} runs on the FX thread after the figures are printed (the app exits). */
    OpenTimer(MainWindow window, PrintStream out, Runnable done) {
        this.window = window;
        this.done = done;
        this.heatmap = window.heatmap();
        this.out = out;
    }

    /**
     * The file is chosen only once {@code warmUp} (may be null) has finished: a person chooses a file in a window
     * that has started, and the file dialog alone takes longer than the warm-up.
     */
    OpenTimer afterWarmUp(WindowWarmUp warmUp) {
        this.warmUp = warmUp;
        return this;
    }

    /**
     * Call on the FX thread once the window is showing. The file is "chosen" once the window has settled (30 pulses
     * in a row without a stall, at most 20 s): the window's own cold start (first CSS pass, class loading) is not
     * part of opening a model, and a person chooses a file in a window that is already up.
     * {@code -Dprunescope.measure-open.calm=N} waits for N calm pulses instead: a person takes seconds to pick a file,
     * by which time the JIT has compiled what the warm-up queued (300 ≈ 5 s; time-to-interactive.md, sixth round).
     */
    void measure(Path file) {
        window.document().workspaceProperty().addListener((obs, old, now) -> {
            if (now != null && installed < 0) {
                installed = System.nanoTime();
                // after the installation has finished (it resets the selection)
                Platform.runLater(() -> selectFirstLayer(now));
            }
        });
        long shown = System.nanoTime();
        int[] calm = {0};
        AnimationTimer pulses = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (start == 0) {
                    boolean warming = warmUp != null && !warmUp.doneProperty().get();
                    if (warmUp != null && warmUp.runningProperty().get()) {
                        if (warmUpGapMs == 0) {
                            warmUpWatchdog.start();
                        }
                        warmUpGapMs = Math.max(warmUpGapMs, 1e-3);
                        warmUpGapMs = Math.max(warmUpGapMs, (now - lastPulse) / 1e6);
                    }
                    calm[0] = warming || (now - lastPulse) / 1e6 > STALL_MS ? 0 : calm[0] + 1;
                    lastPulse = now;
                    if (calm[0] >= CALM_PULSES || (now - shown) / 1e6 > 20_000) {
                        settled = (now - shown) / 1e6;
                        warmUpWatchdog.stop();
                        diagramBefore = window.networkModel().diagram();
                        start = System.nanoTime();
                        lastPulse = start;
                        watchdog.start();
                        eventWaits.start();
                        cpuShares = ThreadCpuShares.now();
                        gcPauses = GcPauses.now();
                        safepoints = Safepoints.jvm().mark();
                        window.open(file);
                    }
                    return;
                }
                pulse(this);
            }
        };
        lastPulse = shown;
        pulses.start();
    }

    private void selectFirstLayer(Workspace ws) {
        var layers = ws.engine().layers();
        if (!layers.isEmpty()) {
            PrunableLayer first = layers.get(0);
            layer = first.name();
            window.document().selectedNodeProperty().set(first.node());
        }
    }

    private void pulse(AnimationTimer timer) {
        long now = System.nanoTime();
        double gap = (now - lastPulse) / 1e6;
        lastPulse = now;
        maxGapMs = Math.max(maxGapMs, gap);
        if (gap > STALL_MS) {
            stalls++;
        }
        // Polled once per pulse: the pulse that finds the data installed is the frame that shows it.
        if (drawn < 0 && installed >= 0 && window.networkModel().diagram() != null
                && window.networkModel().diagram() != diagramBefore) {
            drawn = now;
        }
        if (heatmapsShown < 0 && installed >= 0 && !heatmap.busyProperty().get() && heatmap.data() != null) {
            heatmapsShown = now;
        }
        boolean failed = !window.loader().busyProperty().get() && installed < 0 && ms(now) > 1000;
        if ((drawn >= 0 && heatmapsShown >= 0) || failed || ms(now) > 60_000) {
            timer.stop();
            watchdog.stop();
            eventWaits.stop();
            cpuSharesLine = cpuShares == null ? "" : cpuShares.describeSince();
            gcPausesLine = gcPauses == null ? "" : gcPauses.describeSince();
            safepointsLine = safepoints == null ? "" : safepoints.describeSince();
            report(failed);
            done.run();
        }
    }

    /** Milliseconds from the file chosen to the model installed, the network drawn, the heatmaps shown. */
    double[] figures() {
        return new double[]{ms(installed), ms(drawn), ms(heatmapsShown)};
    }

    /** The stalls the watchdog saw between the file chosen and the end of the measurement. */
    java.util.List<StallReport> stalls() {
        return watchdog.reports();
    }

    double longestGapMs() {
        return maxGapMs;
    }

    /** The longest an event waited for the FX thread between the file chosen and the end of the measurement. */
    double longestEventWaitMs() {
        return eventWaits.longestMs();
    }

    private double ms(long t) {
        return t < 0 ? Double.NaN : (t - start) / 1e6;
    }

    private void report(boolean failed) {
        out.printf(Locale.ROOT, "measure-open %s: installed %.0f ms, network drawn %.0f ms, heatmaps of %s shown"
                        + " %.0f ms; FX thread: longest gap between pulses %.0f ms, %d gaps over %.0f ms%s"
                        + " (window settled %.0f ms after showing)%n",
                window.document().getWorkspace() == null ? "?" : window.document().getWorkspace().model()
                        .displayName(), ms(installed), ms(drawn), layer, ms(heatmapsShown), maxGapMs, stalls,
                STALL_MS, failed ? " (the model did not open: " + window.document().statusProperty().get() + ")"
                        : "", settled);
        out.printf(Locale.ROOT, "  events: longest wait for the FX thread %.0f ms, %d waits over %.0f ms (%d probes)%n",
                eventWaits.longestMs(), eventWaits.countOverThreshold(), STALL_MS, eventWaits.probesRun());
        if (!cpuSharesLine.isEmpty()) {
            out.println("  CPU meanwhile: " + cpuSharesLine);
        }
        if (!gcPausesLine.isEmpty()) {
            out.println("  GC meanwhile: " + gcPausesLine);
        }
        if (!safepointsLine.isEmpty()) {
            out.println("  all threads held meanwhile: " + safepointsLine);
        }
        if (warmUp != null) {
            out.printf(Locale.ROOT, "  before the file was chosen, during the window's warm-up steps: longest gap between"
                    + " pulses %.0f ms%n", warmUpGapMs);
            for (StallReport stall : warmUpWatchdog.reports()) {
                out.println("    warm-up " + stall.describe(4));
            }
        }
        for (StallReport stall : watchdog.reports()) {
            out.println("  " + stall.describe(4));
            // -Dprunescope.measure-open.stacks=true: a stack per place; =all: every sample (for a deep look)
            String stacks = System.getProperty("prunescope.measure-open.stacks", "");
            if (stacks.equals("true")) {
                out.print(stall.stacks(4, 60));
            } else if (stacks.equals("all")) {
                out.print(stall.stacks(Integer.MAX_VALUE, 200));
            }
        }
        out.flush();
    }
}
