package io.prunescope.ui;

import io.prunescope.ui.responsiveness.ThreadCpuShares;
import javafx.animation.AnimationTimer;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * The second half of {@code --measure-open}: once the model is open and a second has passed, scrolls the network
 * view one step per pulse (down, then back up) and reports what a frame of the network costs: the render thread's and
 * the FX thread's CPU per frame and the longest gap between pulses. Where there is no GPU, JavaFX paints every frame
 * in software on its render thread, so this is the figure that says whether scrolling and zooming stay smooth
 * (src/docs/time-to-interactive.md, sixth round).
 */
final class PanTimer {

    /** Frames scrolled down, then as many back up. */
    static final int FRAMES_EACH_WAY = 60;
    /** Screen pixels per frame: a brisk scroll. */
    static final double STEP = 12;
    /** Pulses left to pass first (about a second): the scroll starts once the opening's last work has drained. */
    static final int LEAD_IN = 60;

    private final NetworkView view;
    private final PrintStream out;
    private final Runnable done;

    PanTimer(NetworkView view, PrintStream out, Runnable done) {
        this.view = view;
        this.out = out;
        this.done = done;
    }

    /** Starts scrolling on the next pulse; call on the FX thread. */
    void start() {
        double zoom = view.viewport().zoom();
        new AnimationTimer() {
            private int frame;
            private int waited;
            private long last;
            private double longestGapMs;
            private int stalls;
            private long first;
            private ThreadCpuShares cpu;

            @Override
            public void handle(long now) {
                if (waited < LEAD_IN) {
                    waited++;
                    return;
                }
                if (frame == 0) {
                    cpu = ThreadCpuShares.now();
                    first = now;
                } else {
                    double gap = (now - last) / 1e6;
                    longestGapMs = Math.max(longestGapMs, gap);
                    stalls += gap > OpenTimer.STALL_MS ? 1 : 0;
                }
                last = now;
                if (frame == 2 * FRAMES_EACH_WAY) {
                    stop();
                    report(cpu.since(), zoom, (now - first) / 1e6, longestGapMs, stalls);
                    done.run();
                    return;
                }
                view.panBy(0, frame < FRAMES_EACH_WAY ? -STEP : STEP);
                frame++;
            }
        }.start();
    }

    private void report(Map<String, Double> cpuMs, double zoom, double elapsedMs, double longestGapMs, int stalls) {
        int frames = 2 * FRAMES_EACH_WAY;
        out.printf(Locale.ROOT, "  scrolling the network at %.0f %% zoom: %d frames in %.0f ms, render thread %.1f ms"
                        + " and FX thread %.1f ms CPU per frame, longest gap between pulses %.0f ms, %d over %.0f ms%n",
                zoom * 100, frames, elapsedMs, cpuMs.getOrDefault("render thread", 0.0) / frames,
                cpuMs.getOrDefault("FX thread", 0.0) / frames, longestGapMs, stalls, OpenTimer.STALL_MS);
    }
}
