package io.prunescope.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.util.Objects;

/**
 * The JavaFX application. The composition root calls {@link #configure} with the services and the command line,
 * then {@code Application.launch(PruneScopeApp.class)}.
 */
public final class PruneScopeApp extends Application {

    private static volatile UiServices services;
    private static volatile LaunchOptions options = LaunchOptions.empty();

    private MainWindow window;

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
    }

    public static void configure(UiServices uiServices, LaunchOptions launchOptions) {
        services = Objects.requireNonNull(uiServices);
        options = Objects.requireNonNull(launchOptions);
    }

    @Override
    public void start(Stage stage) {
        if (services == null) {
            throw new IllegalStateException("PruneScopeApp.configure was not called");
        }
        stage.getIcons().setAll(AppIcons.all());
        MainWindow window = new MainWindow(stage, services);
        this.window = window;
        window.show();
        // JavaFX's cold code runs on an off-screen copy of the panels before a model arrives (time-to-interactive.md)
        WindowWarmUp warmUp = WindowWarmUp.enabled()
                ? new WindowWarmUp(window.scene().getStylesheets()).start() : null;
        if (options.screenshot() != null || options.measureOpen()) {
            // -Dprunescope.screenshot.size=1280x800 and -Dprunescope.network=collapsed: screenshots of other
            // window sizes and of the collapsed module view (src/docs/network-view.md)
            String[] size = System.getProperty("prunescope.screenshot.size", "1600x1000").split("x");
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(Double.parseDouble(size[0]));
            stage.setHeight(Double.parseDouble(size[1]));
            String network = System.getProperty("prunescope.network", "");
            if (window.scene().lookup(".network-panel") instanceof NetworkView nv) {
                if (network.contains("collapsed")) {
                    nv.collapseAllWhenReady();
                }
                if (network.contains("maximised")) {
                    // once the model is open: the network pane alone, as a double click on its title gives
                    window.document().analysisProperty().addListener(new javafx.beans.InvalidationListener() {
                        @Override
                        public void invalidated(javafx.beans.Observable o) {
                            window.document().analysisProperty().removeListener(this);
                            Platform.runLater(() -> window.toggleMaximised(nv));
                        }
                    });
                }
            }
            Platform.runLater(() -> Platform.runLater(window::resetDividers));
        }
        if (options.demoPlan() != null) {
            window.setDemo(options.demoPlan());
        }
        if (options.measureOpen() && options.initialModel() != null) {
            // Timed from the moment the file is chosen; no session restore, no hint.
            // then how a frame of the network costs while it is scrolled
            Runnable scroll = window.scene().lookup(".network-panel") instanceof NetworkView nv
                    ? () -> new PanTimer(nv, System.out, Platform::exit).start() : Platform::exit;
            Platform.runLater(() -> new OpenTimer(window, System.out, scroll)
                    .afterWarmUp(warmUp).measure(options.initialModel()));
            return;
        }
        window.startup(options.initialModel(), () -> {
            if (options.missingSample() != null) {
                window.showHint("Sample model " + options.missingSample() + " not found. Open a model with File ▸"
                        + " Open… or drop a .onnx file on the window.");
            } else {
                window.showHint("Open a model with File ▸ Open… or drop a .onnx file on the window.");
            }
        });
        options.screenshotPath().ifPresent(png -> whenIdle(window, () -> {
            try {
                Screenshot.write(window.scene(), png);
                System.out.println("screenshot written to " + png.toAbsolutePath());
            } catch (Exception e) {
                System.err.println("screenshot failed: " + e);
            }
            Platform.exit();
        }));
    }

    /**
     * Runs {@code action} once nothing is loading or computing any more (model, preview, scores) for a while (so a
     * brief idle moment between loading and previewing does not count), after the layout has settled.
     */
    private static void whenIdle(MainWindow window, Runnable action) {
        int[] idleTicks = {0};
        javafx.animation.Timeline poll = new javafx.animation.Timeline();
        poll.getKeyFrames().add(new javafx.animation.KeyFrame(Duration.millis(200), e -> {
            idleTicks[0] = window.busyProperty().get() ? 0 : idleTicks[0] + 1;
            if (idleTicks[0] >= 5) {
                poll.stop();
                action.run();
            }
        }));
        poll.setCycleCount(javafx.animation.Animation.INDEFINITE);
        poll.play();
    }
}
