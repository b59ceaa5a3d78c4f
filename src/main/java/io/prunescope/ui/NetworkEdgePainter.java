package io.prunescope.ui;

import io.prunescope.ui.network.NetworkDiagram;
import io.prunescope.ui.network.NetworkDiagram.Edge;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.shape.StrokeLineCap;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws the network's edges inside a world rectangle: one path for all plain edges, arrow heads once the text is
 * readable, and the edges of the selected box and the hovered edge on top in the active colour.
 */
final class NetworkEdgePainter {

    private NetworkEdgePainter() {
    }

    /**
     * Draws into {@code g}, which is already scaled and translated to world coordinates.
     *
     * @param selectedBox the selected node's box id, or -1
     * @param hovered     the edge under the mouse, or null
     */
    static void draw(GraphicsContext g, NetworkPalette p, NetworkDiagram diagram, double x0, double y0, double x1,
                     double y1, double z, int selectedBox, Edge hovered) {
        List<Edge> edges = diagram.edges();
        List<Edge> active = new ArrayList<>();
        g.setLineCap(StrokeLineCap.ROUND);
        g.setStroke(p.edge());
        g.setLineWidth(Math.max(1.3, 1 / z));
        // One path for all plain edges: thousands of strokes would cost a frame each time.
        g.beginPath();
        boolean curves = z >= NetworkBoxPainter.DETAIL_ZOOM;
        diagram.visibleEdges(x0, y0, x1, y1, id -> {
            Edge e = edges.get(id);
            if (e.from() == selectedBox || e.to() == selectedBox || e == hovered) {
                active.add(e);
            } else {
                trace(g, e, curves);
            }
        });
        g.stroke();
        if (z >= NetworkBoxPainter.TEXT_ZOOM) {
            g.setFill(p.edge());
            diagram.visibleEdges(x0, y0, x1, y1, id -> arrow(g, edges.get(id)));
        }
        if (!active.isEmpty()) {
            g.setStroke(p.edgeActive());
            g.setFill(p.edgeActive());
            g.setLineWidth(Math.max(2.2, 1.6 / z));
            g.beginPath();
            for (Edge e : active) {
                trace(g, e, curves);
            }
            g.stroke();
            for (Edge e : active) {
                arrow(g, e);
            }
        }
    }

    private static void trace(GraphicsContext g, Edge e, boolean curves) {
        double[] xs = e.xs();
        double[] ys = e.ys();
        g.moveTo(xs[0], ys[0]);
        for (int i = 0; i + 1 < xs.length; i++) {
            if (i % 2 == 1 || !curves) {
                g.lineTo(xs[i + 1], ys[i + 1]);
            } else {
                double mid = (ys[i] + ys[i + 1]) / 2;
                g.bezierCurveTo(xs[i], mid, xs[i + 1], mid, xs[i + 1], ys[i + 1]);
            }
        }
    }

    private static void arrow(GraphicsContext g, Edge e) {
        double x = e.xs()[e.xs().length - 1];
        double y = e.ys()[e.ys().length - 1];
        g.fillPolygon(new double[]{x - 4, x + 4, x}, new double[]{y - 7, y - 7, y}, 3);
    }
}
