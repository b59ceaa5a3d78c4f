package io.prunescope.app;

import io.prunescope.files.BundledAssets;
import io.prunescope.session.Autosave;
import io.prunescope.ui.LaunchOptions;
import io.prunescope.ui.PruneScopeApp;
import io.prunescope.ui.UiServices;
import io.prunescope.ui.WorkspaceOpener;
import javafx.application.Application;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Composition root of the desktop app: wires the workspace (ONNX reader, analysis, pruning engine), the preferences
 * and the autosave into the UI and launches it.
 * <pre>
 *   Main [MODEL.onnx] [--screenshot=PATH.png] [--demo-plan=fpgm:0.3] [--window=1280x800] [--network=collapsed+maximised]
 *        [--measure-open]
 * </pre>
 * Without a model argument it opens the bundled sample {@code assets/models/fashion-resnet.onnx}, found wherever the
 * program runs from ({@link BundledAssets}). {@code --screenshot} (or {@code -Dprunescope.screenshot=PATH})
 * writes the window to a PNG once the model is loaded and the preview computed, then exits. The hidden
 * {@code --demo-plan=CRITERION:RATIO} (or {@code -Dprunescope.demo=...}) applies a filter plan to every layer and
 * selects a layer in the middle, for screenshots. The autosave folder is {@code ~/.prunescope}, or
 * {@code -Dprunescope.home=DIR}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // The first model is read while JavaFX starts: load and compile the reader's code meanwhile (issue 13).
        Thread warmUp = new Thread(io.prunescope.onnx.OnnxReader::warmUp, "prunescope-reader-warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
        // And the score kernels: compiled while the window starts and the user chooses a file, the first heatmaps
        // and FPGM of a fresh process cost what later ones do (src/docs/criteria.md, "A fresh process").
        io.prunescope.prune.criteria.Scorer.prewarm();
        PruneScopeApp.configure(services(), options(args));
        Application.launch(PruneScopeApp.class);
    }

    static UiServices services() {
        return new UiServices(WorkspaceOpener.DEFAULT, UiServices.defaultPreferences(), Autosave.inUserHome());
    }

    static LaunchOptions options(String[] args) {
        Path model = null;
        Path screenshot = null;
        String demo = System.getProperty("prunescope.demo");
        boolean measureOpen = false;
        String prop = System.getProperty("prunescope.screenshot");
        if (prop != null && !prop.isBlank()) {
            screenshot = Path.of(prop);
        }
        for (String a : args) {
            if (a.startsWith("--screenshot=")) {
                screenshot = Path.of(a.substring("--screenshot=".length()));
            } else if (a.equals("--measure-open")) {
                measureOpen = true;
            } else if (a.startsWith("--demo-plan=")) {
                demo = a.substring("--demo-plan=".length());
            } else if (a.startsWith("--window=")) {
                // hidden, for screenshots: the window size (e.g. 1280x800) with --screenshot
                System.setProperty("prunescope.screenshot.size", a.substring("--window=".length()));
            } else if (a.startsWith("--network=")) {
                // hidden, for screenshots: "collapsed" (modules collapsed), "maximised" (the network pane alone)
                System.setProperty("prunescope.network", a.substring("--network=".length()));
            } else if (!a.startsWith("-") && model == null) {
                model = Path.of(a);
            }
        }
        if (demo != null && demo.isBlank()) {
            demo = null;
        }
        if (model != null) {
            return new LaunchOptions(model, null, screenshot, demo, measureOpen);
        }
        Path sample = BundledAssets.locate().resolve(BundledAssets.MARKER);
        return Files.isRegularFile(sample) ? new LaunchOptions(sample, null, screenshot, demo, measureOpen)
                : new LaunchOptions(null, sample, screenshot, demo);
    }
}
