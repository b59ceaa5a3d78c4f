package io.prunescope.ui;

import javafx.scene.Scene;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Opens a {@code .onnx} file dropped on the window; other drops are refused while dragging over. */
final class ModelDropTarget {

    private ModelDropTarget() {
    }

    static void install(Scene scene, Consumer<Path> open) {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && onnxFile(e.getDragboard().getFiles()) != null) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped((DragEvent e) -> {
            File f = e.getDragboard().hasFiles() ? onnxFile(e.getDragboard().getFiles()) : null;
            if (f != null) {
                open.accept(f.toPath());
            }
            e.setDropCompleted(f != null);
            e.consume();
        });
    }

    private static File onnxFile(List<File> files) {
        return files.stream().filter(f -> f.getName().toLowerCase(Locale.ROOT).endsWith(".onnx")).findFirst()
                .orElse(null);
    }
}
