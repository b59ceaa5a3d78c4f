package io.prunescope.ui;

import io.prunescope.prune.PruneDecision;
import io.prunescope.ui.heatmap.ColorScale;
import io.prunescope.ui.network.NetworkDiagram;
import io.prunescope.ui.network.NetworkDiagram.Box;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Draws one box of the network diagram: fill by kept fraction, the op's accent, selection and group outlines, the
 * op, shape and name (or the op alone when small), and the layer's heat strip of L1 scores (cached per layer until
 * {@link #forgetStrips()}). {@link NetworkView} decides what is visible and where; this decides how a box looks.
 */
final class NetworkBoxPainter {

    static final double TEXT_ZOOM = 0.42;
    static final double DETAIL_ZOOM = 0.2;

    private final NetworkViewModel vm;
    private final Font opFont = Font.font("System", FontWeight.BOLD, 12);
    final Font nameFont = Font.font("System", 10.5);
    private final Font shapeFont = Font.font("Monospaced", 10.5);
    private final Map<String, Image> strips = new HashMap<>();
    private final ScreenText text = new ScreenText();

    private final NetworkModulePainter modules;

    NetworkBoxPainter(NetworkViewModel vm) {
        this.vm = vm;
        this.modules = new NetworkModulePainter(vm, text);
    }

    NetworkModulePainter modules() {
        return modules;
    }

    /** Scores or the decision changed: the heat strips are drawn again. */
    void forgetStrips() {
        strips.clear();
    }

    /** Draws one box at zoom {@code z} (world coordinates; the caller has set the transform). */
    void draw(GraphicsContext g, NetworkPalette p, Box b, double z, boolean selected, boolean highlighted,
              boolean matched) {
        if (b.kind() == NetworkDiagram.Kind.MODULE) {
            modules.drawModule(g, p, b, z, selected, matched);
            return;
        }
        drawNode(g, p, b, z, selected, highlighted, matched);
        if (b.hasFoldMarker() && z >= DETAIL_ZOOM) {
            modules.drawFoldMarker(g, p, b, vm.optionsProperty().get().expandedHosts().contains(b.node().index()));
        }
    }

    private void drawNode(GraphicsContext g, NetworkPalette p, Box b, double z, boolean selected,
                          boolean highlighted, boolean matched) {
        double x = b.left();
        double y = b.y();
        double bw = b.width();
        double bh = b.height();
        double kept = vm.keptFraction(b);
        boolean removed = vm.isRemoved(b);
        boolean io = b.kind() != NetworkDiagram.Kind.NODE;
        double arc = io ? bh : 10;
        Color fill = io ? p.io() : Double.isNaN(kept) ? p.box() : p.keptFill(kept);
        Color bySensitivity = io ? null : vm.shading().fill(b.layer() == null ? null : b.layer().name());
        fill = bySensitivity != null ? bySensitivity : fill;
        if (highlighted) {
            g.setStroke(p.group());
            g.setLineWidth(Math.max(3, 2 / z));
            g.strokeRoundRect(x - 4, y - 4, bw + 8, bh + 8, arc + 6, arc + 6);
        }
        g.setGlobalAlpha(removed ? 0.4 : 1);
        g.setFill(fill);
        g.fillRoundRect(x, y, bw, bh, arc, arc);
        if (z < DETAIL_ZOOM) {
            g.setFill(NetworkPalette.accent(b.op()));
            g.fillRect(x, y, 8, bh);
            if (selected) {
                g.setStroke(p.selected());
                g.setLineWidth(3 / z);
                g.strokeRect(x, y, bw, bh);
            }
            g.setGlobalAlpha(1);
            return;
        }
        g.setFill(NetworkPalette.accent(b.op()));
        if (!io) {
            g.fillRoundRect(x + 1, y + 1, 6, bh - 2, 5, 5);
        }
        g.setStroke(selected ? p.selected() : p.boxBorder());
        g.setLineWidth(selected ? 2.5 : 1);
        if (removed) {
            g.setLineDashes(5, 4);
        }
        g.strokeRoundRect(x + 0.5, y + 0.5, bw - 1, bh - 1, arc, arc);
        g.setLineDashes();
        if (matched) {
            g.setFill(p.match());
            g.fillRoundRect(x + bw - 14, y - 5, 12, 10, 5, 5);
        }
        if (z >= TEXT_ZOOM && !NetworkModulePainter.compact(b)) {
            drawText(g, p, b, x, y, bw, kept, io);
        } else {
            // too small for three lines: the op alone, in a font that stays about 10 px on screen
            g.setFill(p.text());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            text.fill(g, NetworkModulePainter.compact(b) ? opFontFor(Math.min(z, 0.9)) : opFontFor(z), shortOp(b.op()),
                    b.x() + 3, y + bh / 2 - (b.layer() != null ? 3 : 0), bw - 16);
        }
        if (b.layer() != null) {
            Image strip = strip(b);
            double sx = x + 12;
            double sw = bw - 20;
            double sy = y + bh - 10;
            if (strip != null) {
                g.setImageSmoothing(strip.getWidth() > sw * z);
                g.drawImage(strip, sx, sy, sw, 6);
                g.setImageSmoothing(true);
            } else {
                g.setFill(p.boxBorder());
                g.fillRect(sx, sy, sw, 6);
            }
        }
        g.setGlobalAlpha(1);
    }

    private void drawText(GraphicsContext g, NetworkPalette p, Box b, double x, double y, double bw, double kept,
                          boolean io) {
        double pad = io ? 14 : 13;
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(p.text());
        double line1 = y + 14;
        double line2 = y + 29;
        text.fill(g, opFont, shortOp(b.op()), x + pad, line1, bw * 0.45);
        g.setTextAlign(TextAlignment.RIGHT);
        text.fill(g, shapeFont, b.shape(), x + bw - 8, line1, bw * 0.52);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(p.muted());
        boolean showKept = !Double.isNaN(kept) && kept < 1;
        text.fill(g, nameFont, b.name(), x + pad, io ? y + 34 : line2, bw - pad - (showKept ? 62 : 10));
        if (showKept) {
            g.setTextAlign(TextAlignment.RIGHT);
            g.setFill(p.text());
            text.fill(g, nameFont, "kept " + Math.round(kept * 100) + "%", x + bw - 8, line2);
        }
    }

    private final Map<Integer, Font> scaledFonts = new HashMap<>();

    private Font opFontFor(double z) {
        int size = (int) Math.min(40, Math.round(10.5 / z));
        return scaledFonts.computeIfAbsent(size, k -> Font.font("System", FontWeight.BOLD, k));
    }

    private static String shortOp(String op) {
        return switch (op) {
            case "BatchNormalization" -> "BatchNorm";
            case "GlobalAveragePool" -> "GlobalAvgPool";
            case "InstanceNormalization" -> "InstanceNorm";
            case "LayerNormalization" -> "LayerNorm";
            default -> op;
        };
    }

    /** The heat strip of a layer: its L1 scores in filter order, pruned filters dimmed (null until scored). */
    private Image strip(Box b) {
        String name = b.layer().name();
        Image cached = strips.get(name);
        if (cached != null) {
            return cached;
        }
        float[] s = vm.scores(name);
        if (s == null || s.length == 0) {
            return null;
        }
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : s) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        PruneDecision d = vm.decisionProperty().get();
        BitSet removed = d == null ? new BitSet() : d.removed(b.layer().node().output(0));
        int[] px = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            int c = ColorScale.argb(s[i], min, max);
            px[i] = removed.get(i) ? ColorScale.dim(c) : c;
        }
        WritableImage img = new WritableImage(s.length, 1);
        img.getPixelWriter().setPixels(0, 0, s.length, 1, PixelFormat.getIntArgbInstance(), px, 0, s.length);
        strips.put(name, img);
        return img;
    }
}
