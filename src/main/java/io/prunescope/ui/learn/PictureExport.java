package io.prunescope.ui.learn;

import io.prunescope.files.AtomicFiles;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes a Learn picture at a chosen size to PNG (a canvas snapshot; FX thread) or SVG (any thread). */
final class PictureExport {

    private PictureExport() {
    }

    /** Must run on the FX thread: the picture is painted on an off-screen canvas and snapshotted. */
    static void png(LearnPicture picture, int width, int height, LearnStyle style, Path target) throws IOException {
        Canvas canvas = new Canvas(width, height);
        CanvasSketch sketch = new CanvasSketch(canvas.getGraphicsContext2D());
        sketch.fillRect(0, 0, width, height, style.background());
        picture.paint(sketch, width, height, style);
        WritableImage image = canvas.snapshot(new SnapshotParameters(), null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", bytes)) {
            throw new IOException("no PNG writer available");
        }
        AtomicFiles.write(target, bytes.toByteArray());
    }

    static String svg(LearnPicture picture, int width, int height, LearnStyle style) {
        SvgSketch sketch = new SvgSketch(width, height);
        sketch.fillRect(0, 0, width, height, style.background());
        picture.paint(sketch, width, height, style);
        return sketch.document();
    }

    static void svg(LearnPicture picture, int width, int height, LearnStyle style, Path target) throws IOException {
        AtomicFiles.write(target, svg(picture, width, height, style).getBytes(StandardCharsets.UTF_8));
    }
}
