package io.prunescope.ui;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
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

    public static void configure(UiServices uiServices, LaunchOptions launchOptions) {
        services = Objects.requireNonNull(uiServices);
        options = Objects.requireNonNull(launchOptions);
    }

    @Override
    public void start(Stage stage) {
        if (services == null) {
            throw new IllegalStateException("PruneScopeApp.configure was not called");
        }
        MainWindow window = new MainWindow(stage, services);
        window.show();
        if (options.initialModel() != null) {
            window.open(options.initialModel());
        } else if (options.missingSample() != null) {
            window.showHint("Sample model " + options.missingSample() + " not found. Open a model with File ▸ Open…"
                    + " or drop a .onnx file on the window.");
        } else {
            window.showHint("Open a model with File ▸ Open… or drop a .onnx file on the window.");
        }
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

    /** Runs {@code action} once no model is loading any more, after the layout has settled. */
    private static void whenIdle(MainWindow window, Runnable action) {
        Runnable later = () -> {
            PauseTransition settle = new PauseTransition(Duration.millis(800));
            settle.setOnFinished(e -> action.run());
            settle.play();
        };
        PauseTransition start = new PauseTransition(Duration.millis(200));
        start.setOnFinished(e -> {
            if (!window.loader().busyProperty().get()) {
                later.run();
                return;
            }
            window.loader().busyProperty().addListener(new ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                    if (!now) {
                        o.removeListener(this);
                        later.run();
                    }
                }
            });
        });
        start.play();
    }
}
