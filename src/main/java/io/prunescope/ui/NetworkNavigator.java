package io.prunescope.ui;

import io.prunescope.ui.network.Minimap;
import io.prunescope.ui.network.Viewport;
import javafx.geometry.Orientation;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Region;

import java.util.Locale;

/**
 * Zoom and pan of the network canvas: Ctrl+wheel, pinch, the +/−/Fit/1:1 buttons and keys zoom; dragging, the wheel,
 * the scroll bars and the minimap pan. Keeps the scroll bars, the zoom label and the minimap's viewport in step with
 * the {@link Viewport}. A press and release without dragging is a click, handed to the view.
 */
final class NetworkNavigator {

    private static final double ZOOM_STEP = 1.25;

    /** A click on the canvas (screen coordinates of the canvas). */
    interface ClickHandler {
        void click(double sx, double sy, int clickCount);
    }

    private final Canvas canvas;
    private final Viewport view;
    private final Minimap minimap;
    private final Runnable redraw;
    private final ScrollBar vbar = new ScrollBar();
    private final ScrollBar hbar = new ScrollBar();
    private final Label zoomLabel = new Label("100 %");
    private boolean syncing;
    private double pressX;
    private double pressY;
    private boolean dragging;

    NetworkNavigator(Canvas canvas, Viewport view, Minimap minimap, Runnable redraw, ClickHandler click) {
        this.canvas = canvas;
        this.view = view;
        this.minimap = minimap;
        this.redraw = redraw;
        zoomLabel.setId("networkZoom");
        zoomLabel.getStyleClass().add("network-zoom");
        zoomLabel.setMinWidth(Region.USE_PREF_SIZE);
        vbar.setOrientation(Orientation.VERTICAL);
        hbar.setOrientation(Orientation.HORIZONTAL);
        vbar.setId("networkVScroll");
        hbar.setId("networkHScroll");
        vbar.managedProperty().bind(vbar.visibleProperty());
        hbar.managedProperty().bind(hbar.visibleProperty());
        vbar.valueProperty().addListener(o -> scrolled());
        hbar.valueProperty().addListener(o -> scrolled());
        minimap.setOnNavigate((x, y) -> {
            view.centreOn(x, y);
            viewChanged();
        });
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scroll);
        canvas.addEventHandler(ZoomEvent.ZOOM, e -> {
            zoomAt(view.zoom() * e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        });
        canvas.setOnMousePressed(e -> {
            canvas.requestFocus();
            pressX = e.getX();
            pressY = e.getY();
            dragging = false;
        });
        canvas.setOnMouseDragged(e -> {
            double dx = e.getX() - pressX;
            double dy = e.getY() - pressY;
            // A few pixels of jitter in a click should not pan.
            if (!dragging && Math.hypot(dx, dy) < 4) {
                return;
            }
            dragging = true;
            canvas.setCursor(Cursor.CLOSED_HAND);
            view.panBy(dx, dy);
            pressX = e.getX();
            pressY = e.getY();
            viewChanged();
        });
        canvas.setOnMouseReleased(e -> {
            canvas.setCursor(Cursor.DEFAULT);
            if (!dragging && e.isStillSincePress()) {
                click.click(e.getX(), e.getY(), e.getClickCount());
            }
            dragging = false;
        });
        canvas.setOnKeyPressed(e -> {
            switch (e.getCode()) {
                case PLUS, ADD, EQUALS -> zoomBy(ZOOM_STEP);
                case MINUS, SUBTRACT -> zoomBy(1 / ZOOM_STEP);
                case DIGIT0, NUMPAD0 -> actualSize();
                case F -> fitToWindow();
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    ScrollBar verticalBar() {
        return vbar;
    }

    ScrollBar horizontalBar() {
        return hbar;
    }

    /** The zoom buttons with the zoom label between − and +, for the tool row. */
    Node[] zoomControls() {
        Button zoomOut = toolButton("−", "networkZoomOut", "Zoom out (−)");
        Button zoomIn = toolButton("+", "networkZoomIn", "Zoom in (+)");
        Button fit = toolButton("Fit", "networkFit", "Fit the whole network in the window (F)");
        Button actual = toolButton("1:1", "networkActualSize", "Actual size (0)");
        zoomOut.setOnAction(e -> zoomBy(1 / ZOOM_STEP));
        zoomIn.setOnAction(e -> zoomBy(ZOOM_STEP));
        fit.setOnAction(e -> fitToWindow());
        actual.setOnAction(e -> actualSize());
        return new Node[]{zoomOut, zoomLabel, zoomIn, fit, actual};
    }

    private static Button toolButton(String text, String id, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("network-tool-button");
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        return b;
    }

    void zoomBy(double factor) {
        zoomAt(view.zoom() * factor, canvas.getWidth() / 2, canvas.getHeight() / 2);
    }

    private void zoomAt(double zoom, double sx, double sy) {
        view.zoomAt(zoom, sx, sy);
        viewChanged();
    }

    void fitToWindow() {
        view.fit();
        viewChanged();
    }

    void actualSize() {
        view.zoomAroundCentre(1);
        viewChanged();
    }

    private void scroll(ScrollEvent e) {
        if (e.isControlDown() || e.isMetaDown()) {
            double factor = Math.pow(1.0025, e.getDeltaY() + e.getDeltaX());
            zoomAt(view.zoom() * factor, e.getX(), e.getY());
        } else if (e.isShiftDown() && e.getDeltaX() == 0) {
            view.panBy(e.getDeltaY(), 0);
            viewChanged();
        } else {
            view.panBy(e.getDeltaX(), e.getDeltaY());
            viewChanged();
        }
        e.consume();
    }

    private void scrolled() {
        // Setting the bars from the viewport fires this too; only the person's scrolling moves the viewport.
        if (syncing) {
            return;
        }
        view.moveTo(hbar.getValue(), vbar.getValue());
        viewChanged(false);
    }

    /** The viewport moved or zoomed: bars, label and minimap follow, and the canvas redraws. */
    void viewChanged() {
        viewChanged(true);
    }

    private void viewChanged(boolean syncBars) {
        if (syncBars) {
            syncing = true;
            try {
                sync(hbar, view.minX(), view.maxX(), view.x(), view.worldWidth(), view.contentWidth());
                sync(vbar, view.minY(), view.maxY(), view.y(), view.worldHeight(), view.contentHeight());
            } finally {
                syncing = false;
            }
        }
        zoomLabel.setText(String.format(Locale.ROOT, "%.0f %%", view.zoom() * 100));
        minimap.showViewport(view.x(), view.y(), view.worldWidth(), view.worldHeight());
        redraw.run();
    }

    private static void sync(ScrollBar bar, double min, double max, double value, double visible, double content) {
        boolean scrollable = max - min > 0.5;
        bar.setVisible(scrollable);
        if (!scrollable) {
            return;
        }
        bar.setMin(min);
        bar.setMax(max);
        bar.setVisibleAmount(Math.max(1, (max - min) * visible / Math.max(content, 1)));
        bar.setUnitIncrement(40);
        bar.setBlockIncrement(visible * 0.9);
        bar.setValue(value);
    }
}
