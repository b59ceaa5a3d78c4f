package io.prunescope.app;

import io.prunescope.analysis.ModelAnalyzer;
import io.prunescope.analysis.OrtShapeFallback;
import io.prunescope.analysis.ShapeFallback;
import io.prunescope.model.Model;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.onnx.OnnxReader;
import io.prunescope.ui.LaunchOptions;
import io.prunescope.ui.PruneScopeApp;
import io.prunescope.ui.UiServices;
import javafx.application.Application;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Composition root of the desktop app: wires the ONNX reader and the analysis into the UI and launches it.
 * <pre>
 *   Main [MODEL.onnx] [--screenshot=PATH.png]
 * </pre>
 * Without a model argument it opens the bundled sample {@value #SAMPLE} (relative to the working directory, which
 * is the project root under {@code mvn javafx:run}). {@code --screenshot} (or {@code -Dprunescope.screenshot=PATH})
 * writes the window to a PNG once the model is loaded, then exits.
 */
public final class Main {

    static final String SAMPLE = "assets/models/fashion-resnet.onnx";

    private Main() {
    }

    public static void main(String[] args) {
        PruneScopeApp.configure(services(), options(args));
        Application.launch(PruneScopeApp.class);
    }

    static UiServices services() {
        OnnxReader reader = new OnnxReader();
        // The analysis needs the file's document for the ONNX Runtime shape fallback; the UI only sees Models.
        Map<Model, OnnxDocument> documents = Collections.synchronizedMap(new WeakHashMap<>());
        return new UiServices(file -> {
            OnnxDocument doc = reader.read(file);
            documents.put(doc.model(), doc);
            return doc.model();
        }, (model, bindings, cancel, progress) -> {
            OnnxDocument doc = documents.get(model);
            ShapeFallback fallback = doc == null ? ShapeFallback.NONE : new OrtShapeFallback(doc);
            return ModelAnalyzer.analyze(model, bindings, fallback, cancel, progress);
        }, UiServices.defaultPreferences());
    }

    static LaunchOptions options(String[] args) {
        Path model = null;
        Path screenshot = null;
        String prop = System.getProperty("prunescope.screenshot");
        if (prop != null && !prop.isBlank()) {
            screenshot = Path.of(prop);
        }
        for (String a : args) {
            if (a.startsWith("--screenshot=")) {
                screenshot = Path.of(a.substring("--screenshot=".length()));
            } else if (!a.startsWith("-") && model == null) {
                model = Path.of(a);
            }
        }
        if (model != null) {
            return new LaunchOptions(model, null, screenshot);
        }
        Path sample = Path.of(SAMPLE);
        return Files.isRegularFile(sample) ? new LaunchOptions(sample, null, screenshot)
                : new LaunchOptions(null, sample, screenshot);
    }
}
