package io.prunescope.ui;

import io.prunescope.ui.network.DiagramSvg;
import io.prunescope.ui.network.NetworkDiagram;
import io.prunescope.ui.network.NetworkDiagram.Box;
import io.prunescope.ui.network.Viewport;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pictures of the network view: PNG (drawn by the same painters as the canvas, in tiles so a tall network does not
 * exceed the largest texture JavaFX can snapshot) and SVG ({@link DiagramSvg}, coloured like the canvas: fill by
 * kept fraction under the plan, op accents). Either the whole network or the part in view.
 */
final class NetworkPictures {

    /** Tiles rendered one at a time (well below the 8192–16384 px texture limits of common GPUs and Prism sw). */
    private static final int TILE = 2048;
    /** At most this many pixels in a whole-network PNG; larger networks are scaled down to fit. */
    private static final double MAX_PIXELS = 80e6;

    private NetworkPictures() {
    }

    static void png(NetworkView view, Path png, boolean whole) throws IOException {
        NetworkDiagram d = view.diagram();
        Viewport v = view.viewport();
        double x0 = whole ? 0 : v.x();
        double y0 = whole ? 0 : v.y();
        double x1 = whole ? d.width() : v.x() + v.worldWidth();
        double y1 = whole ? d.height() : v.y() + v.worldHeight();
        double z = whole ? Math.min(1, Math.sqrt(MAX_PIXELS / Math.max(1, d.width() * d.height()))) : v.zoom();
        int w = (int) Math.ceil((x1 - x0) * z);
        int h = (int) Math.ceil((y1 - y0) * z);
        BufferedImage out = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_ARGB);
        NetworkPalette p = view.currentPalette();
        Canvas tile = new Canvas(Math.min(TILE, Math.max(1, w)), Math.min(TILE, Math.max(1, h)));
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.TRANSPARENT);
        for (int ty = 0; ty < h; ty += TILE) {
            for (int tx = 0; tx < w; tx += TILE) {
                int tw = Math.min(TILE, w - tx);
                int th = Math.min(TILE, h - ty);
                GraphicsContext g = tile.getGraphicsContext2D();
                g.setTransform(1, 0, 0, 1, 0, 0);
                g.setFill(p.background());
                g.fillRect(0, 0, tile.getWidth(), tile.getHeight());
                double wx0 = x0 + tx / z;
                double wy0 = y0 + ty / z;
                view.render(g, wx0, wy0, wx0 + tw / z, wy0 + th / z, z, true);
                WritableImage img = tile.snapshot(params, null);
                BufferedImage part = SwingFXUtils.fromFXImage(img, null);
                out.getGraphics().drawImage(part.getSubimage(0, 0, tw, th), tx, ty, null);
            }
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(out, "png", png.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    static void svg(NetworkView view, NetworkViewModel vm, Path svg, boolean whole) throws IOException {
        NetworkDiagram d = view.diagram();
        Viewport v = view.viewport();
        NetworkPalette p = view.currentPalette();
        DiagramSvg.Style style = DiagramSvg.style(css(p.background()), css(p.edge()), css(p.text()), css(p.muted()),
                b -> boxStyle(vm, p, b));
        Path parent = svg.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(svg, StandardCharsets.UTF_8)) {
            if (whole) {
                DiagramSvg.write(d, 0, 0, d.width(), d.height(), style, w);
            } else {
                DiagramSvg.write(d, v.x(), v.y(), v.x() + v.worldWidth(), v.y() + v.worldHeight(), style, w);
            }
        }
    }

    /** The SVG look of a box: what the canvas shows at full detail. */
    static DiagramSvg.BoxStyle boxStyle(NetworkViewModel vm, NetworkPalette p, Box b) {
        double kept = vm.keptFraction(b);
        String note = Double.isNaN(kept) || kept >= 1 ? "" : "kept " + Math.round(kept * 100) + " %";
        return switch (b.kind()) {
            case INPUT, OUTPUT -> new DiagramSvg.BoxStyle(css(p.io()), css(p.boxBorder()), null, b.op(), b.name(),
                    b.shape());
            case MODULE -> {
                var t = vm.totals(b);
                yield new DiagramSvg.BoxStyle(css(Double.isNaN(kept) ? p.box() : p.keptFill(kept)),
                        css(p.connector()), null, "▸ " + b.name(), Formats.compact(t.params()) + " params · "
                        + Formats.compact(t.macs()) + " MACs", note.isEmpty() ? t.layers().size() + " layers" : note);
            }
            case NODE -> new DiagramSvg.BoxStyle(css(Double.isNaN(kept) ? p.box() : p.keptFill(kept)),
                    css(p.boxBorder()), css(NetworkPalette.accent(b.op())), b.op() + "  " + b.shape(), b.name(),
                    note + (b.hasFoldMarker() ? (note.isEmpty() ? "" : " · ") + "+" + b.folded() + " folded" : ""));
        };
    }

    static String css(Color c) {
        return DiagramSvg.css(c.getRed(), c.getGreen(), c.getBlue());
    }
}
