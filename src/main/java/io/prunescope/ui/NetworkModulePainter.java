package io.prunescope.ui;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.graphview.ModuleStats;
import io.prunescope.ui.network.NetworkDiagram.Box;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.List;

/**
 * Draws a collapsed module box (a stack of cards: params, MACs, kept fraction, a heat strip with one cell per
 * prunable layer inside, coloured by its kept fraction) and the fold marker of a node with shape arithmetic
 * folded into it ("+12", click to expand). Geometry helpers tell the view where a click on either lands.
 */
final class NetworkModulePainter {

    static final double MARKER_W = 34;
    static final double MARKER_H = 15;
    static final double STRIP_H = 8;

    private final NetworkViewModel vm;
    private final ScreenText text;
    private final Font titleFont = Font.font("System", FontWeight.BOLD, 12.5);
    private final Font smallFont = Font.font("System", 10.5);

    NetworkModulePainter(NetworkViewModel vm, ScreenText text) {
        this.vm = vm;
        this.text = text;
    }

    void drawModule(GraphicsContext g, NetworkPalette p, Box b, double z, boolean selected, boolean matched) {
        double x = b.left();
        double y = b.y();
        double w = b.width();
        double h = b.height();
        ModuleStats.Totals t = vm.totals(b);
        double kept = vm.keptFraction(t.layers());
        // two offset cards behind say "there is more inside"
        g.setFill(p.box());
        g.setStroke(p.boxBorder());
        g.setLineWidth(1);
        for (int k = 2; k >= 1; k--) {
            g.fillRoundRect(x + 4 * k, y - 4 * k, w, h, 12, 12);
            g.strokeRoundRect(x + 4 * k + 0.5, y - 4 * k + 0.5, w - 1, h - 1, 12, 12);
        }
        g.setFill(Double.isNaN(kept) ? p.box() : p.keptFill(kept));
        g.fillRoundRect(x, y, w, h, 12, 12);
        g.setStroke(selected ? p.selected() : p.connector());
        g.setLineWidth(selected ? 3 : 1.5);
        g.strokeRoundRect(x + 0.5, y + 0.5, w - 1, h - 1, 12, 12);
        if (matched) {
            g.setFill(p.match());
            g.fillRoundRect(x + w - 14, y - 5, 12, 10, 5, 5);
        }
        if (z >= NetworkBoxPainter.DETAIL_ZOOM) {
            if (compact(b)) {
                drawCompactText(g, p, b, kept, z);
            } else {
                drawText(g, p, b, t, kept, z);
            }
        }
        drawStrip(g, p, t.layers(), x + 10, stripY(b), w - 20);
    }

    private void drawText(GraphicsContext g, NetworkPalette p, Box b, ModuleStats.Totals t, double kept, double z) {
        double x = b.left();
        double y = b.y();
        double w = b.width();
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(p.text());
        Font title = z >= NetworkBoxPainter.TEXT_ZOOM ? titleFont : text.at(titleFont, Math.min(36, 11 / z));
        text.fill(g, title, "▸ " + tail(b.name()), x + 10, y + 13, w - 20);
        if (z < NetworkBoxPainter.TEXT_ZOOM) {
            return;
        }
        g.setFill(p.muted());
        String line = Formats.compact(t.params()) + " params · " + Formats.compact(t.macs()) + " MACs";
        text.fill(g, smallFont, line, x + 10, y + 28, w - 70);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setFill(p.text());
        String right = Double.isNaN(kept) ? b.folded() + " nodes" : "kept " + Math.round(kept * 100) + "%";
        text.fill(g, smallFont, right, x + w - 10, y + 28);
    }

    /** Boxes of an overview (collapsed modules) are one line high. */
    static boolean compact(Box b) {
        return b.height() < 40;
    }

    private static double stripY(Box b) {
        return compact(b) ? b.y() + b.height() - 9 : b.y() + b.height() - STRIP_H - 5;
    }

    private void drawCompactText(GraphicsContext g, NetworkPalette p, Box b, double kept, double z) {
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(p.text());
        double w = b.width();
        text.fill(g, text.at(titleFont, Math.max(12, Math.min(30, 11 / z))), "▸ " + tail(b.name()), b.left() + 10,
                b.y() + 11, w * 0.62);
        if (!Double.isNaN(kept)) {
            g.setTextAlign(TextAlignment.RIGHT);
            Font percent = z >= NetworkBoxPainter.TEXT_ZOOM ? smallFont : text.at(smallFont, Math.min(26, 9.5 / z));
            text.fill(g, percent, Math.round(kept * 100) + "%", b.right() - 10, b.y() + 11);
        }
    }

    /** One cell per prunable layer, coloured from pruned (left empty) to fully kept. */
    private void drawStrip(GraphicsContext g, NetworkPalette p, List<PrunableLayer> layers, double sx, double sy,
                           double sw) {
        if (layers.isEmpty()) {
            return;
        }
        double cell = sw / layers.size();
        for (int i = 0; i < layers.size(); i++) {
            double k = vm.keptFraction(layers.get(i));
            g.setFill(Double.isNaN(k) ? p.boxBorder() : heat(k));
            g.fillRect(sx + i * cell, sy, Math.max(1, cell - (cell > 4 ? 1 : 0)), STRIP_H - 2);
        }
    }

    /** Kept fraction as a heat colour: red (nothing kept) through amber to green (all kept). */
    static Color heat(double kept) {
        double k = Math.max(0, Math.min(1, kept));
        return Color.hsb(k * 120, 0.65, 0.85);
    }

    /** The last two segments of a module path, so "model.2/m/m.0" reads "m/m.0" inside "model.2"'s area. */
    static String tail(String path) {
        int cut = path.lastIndexOf('/');
        if (cut < 0) {
            return path;
        }
        int before = path.lastIndexOf('/', cut - 1);
        return before < 0 ? path : "…/" + path.substring(before + 1);
    }

    /** The prunable layer under a point of a module box's strip, or null. */
    PrunableLayer layerAt(Box b, double wx, double wy) {
        List<PrunableLayer> layers = vm.totals(b).layers();
        double sy = stripY(b);
        double sx = b.left() + 10;
        double sw = b.width() - 20;
        if (layers.isEmpty() || wy < sy - 3 || wy > sy + STRIP_H + 3 || wx < sx || wx > sx + sw) {
            return null;
        }
        int i = (int) Math.min(layers.size() - 1, Math.floor((wx - sx) / (sw / layers.size())));
        return layers.get(i);
    }

    /** Draws the "+n" marker of folded shape arithmetic on a node box (minus sign when expanded). */
    void drawFoldMarker(GraphicsContext g, NetworkPalette p, Box b, boolean expanded) {
        double mx = b.right() - MARKER_W - 6;
        double my = b.y() - MARKER_H / 2;
        g.setFill(p.box());
        g.fillRoundRect(mx, my, MARKER_W, MARKER_H, MARKER_H, MARKER_H);
        g.setStroke(p.muted());
        g.setLineWidth(1);
        g.strokeRoundRect(mx + 0.5, my + 0.5, MARKER_W - 1, MARKER_H - 1, MARKER_H, MARKER_H);
        g.setFill(p.muted());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        text.fill(g, smallFont, (expanded ? "−" : "+") + b.folded(), mx + MARKER_W / 2, my + MARKER_H / 2);
    }

    /** True when a world point is on a box's fold marker. */
    static boolean onFoldMarker(Box b, double wx, double wy) {
        if (!b.hasFoldMarker()) {
            return false;
        }
        double mx = b.right() - MARKER_W - 6;
        double my = b.y() - MARKER_H / 2;
        return wx >= mx - 2 && wx <= mx + MARKER_W + 2 && wy >= my - 2 && wy <= my + MARKER_H + 2;
    }
}
