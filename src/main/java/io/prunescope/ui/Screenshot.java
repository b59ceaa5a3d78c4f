package io.prunescope.ui;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes what a scene shows to a PNG (used by {@code --screenshot} and by tests). Call on the FX thread. */
public final class Screenshot {

    private Screenshot() {
    }

    public static void write(Scene scene, Path png) throws IOException {
        WritableImage image = scene.snapshot(null);
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", png.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }
}
