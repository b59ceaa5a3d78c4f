package io.prunescope.ui;

import javafx.fxml.FXMLLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;

/**
 * Loads a view's FXML with the view itself as controller: every window, dialog and panel does it the same way, so
 * a missing or broken FXML file fails the same way too (unchecked, naming the file, at construction).
 */
public final class Fxml {

    private Fxml() {
    }

    /** Loads {@code resource} (relative to the controller's class, or absolute) into {@code controller}. */
    public static void load(Object controller, String resource) {
        URL url = controller.getClass().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("FXML not found beside " + controller.getClass().getName() + ": "
                    + resource);
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setController(controller);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + url, e);
        }
    }
}
