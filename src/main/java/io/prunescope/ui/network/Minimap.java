package io.prunescope.ui.network;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;

import java.util.function.BiConsumer;

/**
 * The overview in a corner of the network view: the whole diagram in small, and the viewport as a rectangle.
 * The diagram is drawn once per model/theme into the base canvas; moving the view only redraws the overlay.
 * Pressing or dragging in it centres the view on that point.
 */
public final class Minimap extends Pane {

    public static final double MAX_WIDTH = 170;
    public static final double MAX_HEIGHT = 170;

    /** Colours, set by the owner per theme. */
    public record Colors(Color background, Color border, Color box, Color prunable, Color io, Color viewport) {
    }

    private final Canvas base = new Canvas();
    private final Canvas overlay = new Canvas();
    private NetworkDiagram diagram = NetworkDiagram.empty();
    private Colors colors;
    private double scale = 1;
    private BiConsumer<Double, Double> onNavigate = (x, y) -> { };

    public Minimap(Colors colors) {
        this.colors = colors;
        getStyleClass().add("network-minimap");
        setId("networkMinimap");
        getChildren().addAll(base, overlay);
        setPickOnBounds(true);
        overlay.setMouseTransparent(true);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::navigate);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::navigate);
        addEventHandler(MouseEvent.ANY, MouseEvent::consume);
    }

    private void navigate(MouseEvent e) {
        if (!diagram.isEmpty()) {
            onNavigate.accept(e.getX() / scale, e.getY() / scale);
        }
        e.consume();
    }

    /** Called with the world point the user pressed or dragged to. */
    public void setOnNavigate(BiConsumer<Double, Double> onNavigate) {
        this.onNavigate = onNavigate;
    }

    public double scale() {
        return scale;
    }

    public void setDiagram(NetworkDiagram diagram, Colors colors) {
        this.diagram = diagram;
        this.colors = colors;
        double w = Math.max(1, diagram.width());
        double h = Math.max(1, diagram.height());
        scale = Math.min(MAX_WIDTH / w, MAX_HEIGHT / h);
        double mw = Math.max(24, Math.round(w * scale));
        double mh = Math.max(24, Math.round(h * scale));
        setPrefSize(mw, mh);
        setMinSize(mw, mh);
        setMaxSize(mw, mh);
        base.setWidth(mw);
        base.setHeight(mh);
        overlay.setWidth(mw);
        overlay.setHeight(mh);
        setVisible(!diagram.isEmpty());
        drawBase();
    }

    private void drawBase() {
        GraphicsContext g = base.getGraphicsContext2D();
        double w = base.getWidth();
        double h = base.getHeight();
        g.clearRect(0, 0, w, h);
        g.setFill(colors.background());
        g.fillRect(0, 0, w, h);
        for (NetworkDiagram.Box b : diagram.boxes()) {
            g.setFill(b.kind() != NetworkDiagram.Kind.NODE ? colors.io()
                    : b.layer() != null ? colors.prunable() : colors.box());
            double bw = Math.max(1, b.width() * scale);
            double bh = Math.max(1, b.height() * scale);
            g.fillRect(b.left() * scale, b.y() * scale, bw, bh);
        }
        g.setStroke(colors.border());
        g.setLineWidth(1);
        g.strokeRect(0.5, 0.5, w - 1, h - 1);
    }

    /** Redraws the viewport rectangle for a view showing world rectangle (x, y, w, h). */
    public void showViewport(double x, double y, double w, double h) {
        GraphicsContext g = overlay.getGraphicsContext2D();
        g.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        if (diagram.isEmpty()) {
            return;
        }
        double rx = Math.max(0, x * scale);
        double ry = Math.max(0, y * scale);
        double rw = Math.min(overlay.getWidth(), (x + w) * scale) - rx;
        double rh = Math.min(overlay.getHeight(), (y + h) * scale) - ry;
        g.setFill(colors.viewport().deriveColor(0, 1, 1, 0.15));
        g.fillRect(rx, ry, rw, rh);
        g.setStroke(colors.viewport());
        g.setLineWidth(1.5);
        g.strokeRect(rx + 0.75, ry + 0.75, Math.max(2, rw - 1.5), Math.max(2, rh - 1.5));
    }
}
