package io.prunescope.ui;

import io.prunescope.ui.network.NetworkDiagram;
import io.prunescope.ui.network.NetworkDiagram.Box;
import io.prunescope.ui.network.NetworkDiagram.Edge;
import io.prunescope.ui.network.Viewport;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * What the mouse is over on the network canvas: the box or edge under it, described in a tooltip and in the info
 * line below the canvas (tensor name and shape of an edge, op, name, shape and kept fraction of a box).
 */
final class NetworkHover {

    private final NetworkViewModel vm;
    private final Canvas canvas;
    private final Viewport view;
    private final Runnable redraw;
    private final Label info = new Label();
    private final Tooltip tooltip = new Tooltip();
    private NetworkDiagram diagram = NetworkDiagram.empty();
    private Edge hoveredEdge;
    private Box hoveredBox;

    /** @param redraw called when the hovered edge changes (it is drawn in the active colour) */
    NetworkHover(NetworkViewModel vm, Canvas canvas, Viewport view, Runnable redraw) {
        this.vm = vm;
        this.canvas = canvas;
        this.view = view;
        this.redraw = redraw;
        info.setId("networkHoverInfo");
        info.getStyleClass().add("network-hover-info");
        info.setMaxWidth(Double.MAX_VALUE);
        tooltip.setShowDelay(Duration.ZERO);
        tooltip.getStyleClass().add("network-tooltip");
        canvas.setOnMouseMoved(this::hover);
        canvas.setOnMouseExited(e -> clear());
    }

    /** The info line below the canvas. */
    Label info() {
        return info;
    }

    /** A new diagram: nothing of the old one is hovered any more. */
    void setDiagram(NetworkDiagram d) {
        diagram = d;
        hoveredEdge = null;
        hoveredBox = null;
    }

    /** The edge under the mouse, or null. */
    Edge hoveredEdge() {
        return hoveredEdge;
    }

    String text() {
        return info.getText();
    }

    private void hover(MouseEvent e) {
        double wx = view.toWorldX(e.getX());
        double wy = view.toWorldY(e.getY());
        Box box = diagram.boxAt(wx, wy).orElse(null);
        // Edges are thin: within 5 screen pixels counts, whatever the zoom.
        Edge edge = box != null ? null : diagram.edgeAt(wx, wy, 5 / view.zoom()).orElse(null);
        if (box == hoveredBox && edge == hoveredEdge) {
            return;
        }
        hoveredBox = box;
        hoveredEdge = edge;
        String text = describe();
        info.setText(text);
        if (text.isEmpty()) {
            tooltip.hide();
        } else {
            tooltip.setText(text);
            Window w = canvas.getScene() == null ? null : canvas.getScene().getWindow();
            if (w != null && w.isShowing()) {
                tooltip.show(canvas, e.getScreenX() + 14, e.getScreenY() + 14);
            }
        }
        canvas.setCursor(box != null && box.node() != null ? Cursor.HAND : Cursor.DEFAULT);
        redraw.run();
    }

    private void clear() {
        hoveredEdge = null;
        hoveredBox = null;
        info.setText("");
        tooltip.hide();
        redraw.run();
    }

    private String describe() {
        if (hoveredEdge != null) {
            return hoveredEdge.tensor() + "  " + hoveredEdge.shape() + "   ("
                    + diagram.boxes().get(hoveredEdge.from()).name() + " → "
                    + diagram.boxes().get(hoveredEdge.to()).name() + ")";
        }
        if (hoveredBox != null) {
            StringBuilder s = new StringBuilder(hoveredBox.op()).append("  ").append(hoveredBox.name())
                    .append("  ").append(hoveredBox.shape());
            double kept = vm.keptFraction(hoveredBox);
            if (hoveredBox.module() != null) {
                var t = vm.totals(hoveredBox);
                s.append("   ").append(t.layers().size()).append(" prunable layers, ")
                        .append(Formats.compact(t.params())).append(" params, ").append(Formats.compact(t.macs()))
                        .append(" MACs").append(Double.isNaN(kept) ? "" : ", kept " + Formats.percent(kept))
                        .append("   (double-click to open)");
            } else if (hoveredBox.hasFoldMarker()) {
                s.append("   ").append(hoveredBox.folded()).append(" shape-arithmetic nodes folded in (click +")
                        .append(hoveredBox.folded()).append(" to show them)");
            }
            if (!Double.isNaN(kept) && hoveredBox.layer() != null) {
                s.append("   kept ").append(Formats.percent(kept)).append(" of ")
                        .append(hoveredBox.layer().outputUnits()).append(" outputs");
            }
            if (vm.isRemoved(hoveredBox)) {
                s.append("   (removed with its block)");
            }
            return s.toString();
        }
        return "";
    }
}
