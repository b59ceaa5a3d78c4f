package io.prunescope.ui.measure;

import io.prunescope.detection.Box;
import io.prunescope.detection.Detection;
import io.prunescope.detection.GroundTruth;
import io.prunescope.runtime.Pixels;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Draws one gallery tile: the image fitted into a square, the ground truth as thin dashed white boxes, and the
 * detections at or above a score threshold as boxes in their class's colour with a "class score" label.
 */
final class DetectionPainter {

    /** One colour per class, repeated after 20; bright enough to read on photos, labels pick black or white text. */
    private static final Color[] PALETTE = {
            Color.web("#ff3838"), Color.web("#2c99ff"), Color.web("#ffb21d"), Color.web("#48f90a"),
            Color.web("#cb38ff"), Color.web("#00d4bb"), Color.web("#ff701f"), Color.web("#ff37c7"),
            Color.web("#92cc17"), Color.web("#6473ff"), Color.web("#ff9d97"), Color.web("#3ddb86"),
            Color.web("#cfd231"), Color.web("#00c2ff"), Color.web("#8438ff"), Color.web("#ff95c8"),
            Color.web("#1a9334"), Color.web("#2c6ba8"), Color.web("#ffd700"), Color.web("#a0522d"),
    };
    private static final Font LABEL_FONT = Font.font("System", FontWeight.BOLD, 10);
    private static final Color BACKGROUND = Color.web("#20242c");

    private DetectionPainter() {
    }

    static Color classColor(int classIndex) {
        return PALETTE[Math.floorMod(classIndex, PALETTE.length)];
    }

    /** Black or white, whichever reads better on {@code c}. */
    static Color textOn(Color c) {
        double luminance = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
        return luminance > 0.55 ? Color.BLACK : Color.WHITE;
    }

    /** The pixels as an image (gray is repeated into RGB). */
    static Image toImage(Pixels p) {
        WritableImage image = new WritableImage(p.width(), p.height());
        PixelWriter w = image.getPixelWriter();
        float[] v = p.values();
        int c = p.channels();
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < p.width(); x++) {
                int i = (y * p.width() + x) * c;
                int r = clamp(v[i]);
                int g = c == 3 ? clamp(v[i + 1]) : r;
                int b = c == 3 ? clamp(v[i + 2]) : r;
                w.setArgb(x, y, 0xFF000000 | r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    private static int clamp(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }

    /**
     * Paints a {@code size × size} tile.
     *
     * @return how many detection boxes were drawn
     */
    static int paint(GraphicsContext g, double size, Image image, List<GroundTruth> truths,
                     List<Detection> detections, double threshold, List<String> names) {
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, size, size);
        if (image == null) {
            return 0;
        }
        double scale = Math.min(size / image.getWidth(), size / image.getHeight());
        double ox = (size - image.getWidth() * scale) / 2;
        double oy = (size - image.getHeight() * scale) / 2;
        g.drawImage(image, ox, oy, image.getWidth() * scale, image.getHeight() * scale);

        g.setLineCap(StrokeLineCap.BUTT);
        for (GroundTruth t : truths) {
            Box b = t.box();
            double x = ox + b.x1() * scale;
            double y = oy + b.y1() * scale;
            double w = b.width() * scale;
            double h = b.height() * scale;
            g.setLineDashes();
            g.setStroke(Color.rgb(0, 0, 0, 0.55));
            g.setLineWidth(2.2);
            g.strokeRect(x, y, w, h);
            g.setStroke(Color.WHITE);
            g.setLineWidth(1);
            g.setLineDashes(4, 3);
            g.strokeRect(x, y, w, h);
        }
        g.setLineDashes();

        // Boxes first (lowest score first, so the best are on top), then the tags from the best down: a tag that
        // would cover one already placed tries the box's bottom edge, and is left out when that is taken too.
        List<Detection> shown = new ArrayList<>();
        for (Detection d : detections) {
            if (d.score() >= threshold) {
                shown.add(d);
            }
        }
        shown.sort(Comparator.comparingDouble(Detection::score));
        List<double[]> boxes = new ArrayList<>();
        for (Detection d : shown) {
            Box b = d.box();
            double[] r = {ox + b.x1() * scale, oy + b.y1() * scale, Math.max(1, b.width() * scale),
                    Math.max(1, b.height() * scale)};
            boxes.add(r);
            g.setStroke(classColor(d.classIndex()));
            g.setLineWidth(2);
            g.strokeRect(r[0], r[1], r[2], r[3]);
        }
        g.setFont(LABEL_FONT);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        List<double[]> tags = new ArrayList<>();
        for (int i = shown.size() - 1; i >= 0; i--) {
            Detection d = shown.get(i);
            double[] r = boxes.get(i);
            String text = label(d, names);
            Text probe = new Text(text);
            probe.setFont(LABEL_FONT);
            Bounds bounds = probe.getLayoutBounds();
            double tw = Math.ceil(bounds.getWidth()) + 6;
            double th = Math.ceil(bounds.getHeight()) + 2;
            double[] tag = place(size, r, tw, th, tags);
            if (tag == null) {
                continue;
            }
            tags.add(tag);
            Color colour = classColor(d.classIndex());
            g.setFill(colour);
            g.fillRect(tag[0], tag[1], tag[2], tag[3]);
            g.setFill(textOn(colour));
            g.fillText(text, tag[0] + 3, tag[1] + 1);
        }
        return shown.size();
    }

    /**
     * Where a {@code w × h} tag goes for box {@code r} (x, y, width, height): above its top-left corner (inside the box
     * when there is no room above), else below its bottom-left corner, kept inside the tile; null when both cover a
     * tag already placed.
     */
    static double[] place(double size, double[] r, double w, double h, List<double[]> taken) {
        double x = Math.max(0, Math.min(r[0] - 1, size - w));
        double above = r[1] - h >= 0 ? r[1] - h : Math.min(r[1], size - h);
        double below = r[1] + r[3] + h <= size ? r[1] + r[3] : Math.max(0, r[1] + r[3] - h);
        for (double y : new double[] {above, below}) {
            double[] tag = {x, y, w, h};
            if (taken.stream().noneMatch(t -> overlaps(t, tag))) {
                return tag;
            }
        }
        return null;
    }

    private static boolean overlaps(double[] a, double[] b) {
        return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
    }

    static String label(Detection d, List<String> names) {
        String name = d.classIndex() < names.size() ? names.get(d.classIndex()) : Integer.toString(d.classIndex());
        return name + String.format(Locale.ROOT, " %.2f", d.score());
    }
}
