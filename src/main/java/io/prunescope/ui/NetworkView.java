package io.prunescope.ui;

import io.prunescope.model.Node;
import io.prunescope.ui.network.Minimap;
import io.prunescope.ui.network.NetworkDiagram;
import io.prunescope.ui.network.NetworkDiagram.Box;
import io.prunescope.ui.network.NetworkDiagram.Edge;
import io.prunescope.ui.network.Viewport;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.TextAlignment;
import javafx.stage.Window;
import javafx.util.Duration;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The centre panel: the network drawn layer by layer in data-flow order (see {@code src/docs/network-view.md}).
 * One canvas the size of the viewport draws only the boxes and edges inside it, so thousands of nodes stay smooth.
 * Zoom with Ctrl+wheel, pinch, the +/− buttons or keys; pan by dragging, the wheel or the scroll bars; Fit and 1:1;
 * the minimap in the lower right shows and moves the viewport. Clicking a box selects its node; a selection made
 * elsewhere scrolls into view. Boxes of the selected layer's coupled group are outlined; the search field finds a
 * node by name or op (Enter: next match).
 */
public final class NetworkView extends BorderPane {

    private static final double TEXT_ZOOM = NetworkBoxPainter.TEXT_ZOOM;
    private static final double DETAIL_ZOOM = NetworkBoxPainter.DETAIL_ZOOM;
    private static final double ZOOM_STEP = 1.25;

    private final NetworkViewModel vm;
    private final Canvas canvas = new Canvas();
    private final Pane holder;
    private final ScrollBar vbar = new ScrollBar();
    private final ScrollBar hbar = new ScrollBar();
    private final Minimap minimap;
    private final TextField search = new TextField();
    private final Label matchLabel = new Label();
    private final Label zoomLabel = new Label("100 %");
    private final Label hoverInfo = new Label();
    private final Label busy = new Label();
    private final ProgressIndicator busyIndicator = new ProgressIndicator();
    private final Tooltip tooltip = new Tooltip();
    private final StackPane busyPane = new StackPane();
    private final Viewport view = new Viewport();
    private final NetworkBoxPainter boxes;

    private NetworkDiagram diagram = NetworkDiagram.empty();
    private boolean needsInitialView = true;
    private boolean syncing;
    private boolean redrawQueued;
    private Edge hoveredEdge;
    private Box hoveredBox;
    private List<Box> matches = List.of();
    private double pressX;
    private double pressY;
    private boolean dragging;

    public NetworkView(NetworkViewModel vm) {
        this.vm = vm;
        this.boxes = new NetworkBoxPainter(vm);
        getStyleClass().addAll("panel", "network-panel");
        NetworkPalette p = palette();
        minimap = new Minimap(minimapColors(p));

        Label title = new Label("Network");
        title.getStyleClass().add("panel-title");
        search.setId("networkSearch");
        search.setPromptText("Find node or op (Enter: next)");
        search.getStyleClass().add("network-search");
        HBox.setHgrow(search, Priority.SOMETIMES);
        search.setPrefColumnCount(14);
        matchLabel.setId("networkMatches");
        matchLabel.getStyleClass().add("network-matches");
        zoomLabel.setId("networkZoom");
        zoomLabel.getStyleClass().add("network-zoom");
        zoomLabel.setMinWidth(Region.USE_PREF_SIZE);
        Button zoomOut = toolButton("−", "networkZoomOut", "Zoom out (−)");
        Button zoomIn = toolButton("+", "networkZoomIn", "Zoom in (+)");
        Button fit = toolButton("Fit", "networkFit", "Fit the whole network in the window (F)");
        Button actual = toolButton("1:1", "networkActualSize", "Actual size (0)");
        zoomOut.setOnAction(e -> zoomBy(1 / ZOOM_STEP));
        zoomIn.setOnAction(e -> zoomBy(ZOOM_STEP));
        fit.setOnAction(e -> fitToWindow());
        actual.setOnAction(e -> actualSize());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox tools = new HBox(6, search, matchLabel, spacer, zoomOut, zoomLabel, zoomIn, fit, actual);
        tools.setAlignment(Pos.CENTER_LEFT);
        tools.getStyleClass().add("network-tools");
        setTop(new VBox(title, tools));

        holder = new Pane(canvas, minimap) {
            @Override
            protected void layoutChildren() {
                double w = getWidth();
                double h = getHeight();
                double mw = minimap.prefWidth(-1);
                double mh = minimap.prefHeight(-1);
                minimap.resizeRelocate(Math.max(0, w - mw - 12), Math.max(0, h - mh - 12), mw, mh);
                busyPane.resizeRelocate(0, 0, w, h);
            }
        };
        holder.getStyleClass().add("network-canvas-holder");
        holder.setMinSize(0, 0);
        busy.getStyleClass().add("network-busy");
        busyIndicator.setMaxSize(28, 28);
        HBox busyRow = new HBox(8, busyIndicator, busy);
        busyRow.setAlignment(Pos.CENTER);
        busyPane.getChildren().add(busyRow);
        busyPane.setMouseTransparent(true);
        busyPane.visibleProperty().bind(vm.layingOutProperty());
        holder.getChildren().add(busyPane);
        canvas.setId("networkCanvas");
        canvas.setFocusTraversable(true);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        vbar.setOrientation(Orientation.VERTICAL);
        hbar.setOrientation(Orientation.HORIZONTAL);
        vbar.setId("networkVScroll");
        hbar.setId("networkHScroll");
        vbar.managedProperty().bind(vbar.visibleProperty());
        hbar.managedProperty().bind(hbar.visibleProperty());
        hoverInfo.setId("networkHoverInfo");
        hoverInfo.getStyleClass().add("network-hover-info");
        hoverInfo.setMaxWidth(Double.MAX_VALUE);
        setCenter(holder);
        setRight(vbar);
        setBottom(new VBox(hbar, hoverInfo));
        tooltip.setShowDelay(Duration.ZERO);
        tooltip.getStyleClass().add("network-tooltip");

        InvalidationListener resize = o -> {
            view.setViewSize(canvas.getWidth(), canvas.getHeight());
            if (needsInitialView) {
                initialView();
            }
            viewChanged();
        };
        canvas.widthProperty().addListener(resize);
        canvas.heightProperty().addListener(resize);
        vbar.valueProperty().addListener(o -> scrolled());
        hbar.valueProperty().addListener(o -> scrolled());
        vm.diagramProperty().addListener((obs, old, now) -> install(now));
        vm.themeProperty().addListener(o -> {
            boxes.forgetStrips();
            minimap.setDiagram(diagram, minimapColors(palette()));
            viewChanged();
        });
        vm.decisionProperty().addListener(o -> {
            boxes.forgetStrips();
            redraw();
        });
        vm.scoresVersionProperty().addListener(o -> {
            boxes.forgetStrips();
            redraw();
        });
        vm.highlightedNodes().addListener((SetChangeListener<Integer>) c -> redraw());
        vm.selectedNodeProperty().addListener((obs, old, now) -> {
            reveal(now);
            redraw();
        });
        vm.layingOutProperty().addListener((obs, old, now) -> busy.setText(now
                ? "Laying out the network…" : ""));
        busy.setText(vm.layingOutProperty().get() ? "Laying out the network…" : "");
        search.textProperty().addListener(o -> updateMatches());
        search.setOnAction(e -> nextMatch());
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
                click(e.getX(), e.getY());
            }
            dragging = false;
        });
        canvas.setOnMouseMoved(this::hover);
        canvas.setOnMouseExited(e -> clearHover());
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
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                canvas.requestFocus();
            }
        });
        install(vm.diagram());
    }

    private static Button toolButton(String text, String id, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("network-tool-button");
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        return b;
    }

    private NetworkPalette palette() {
        return NetworkPalette.of(vm.themeProperty().get());
    }

    private static Minimap.Colors minimapColors(NetworkPalette p) {
        return new Minimap.Colors(p.minimap(), p.boxBorder(), p.edge(), NetworkPalette.accent("Conv"), p.muted(),
                p.viewport());
    }

    // ---- diagram and view ----------------------------------------------------------------------------------

    private void install(NetworkDiagram d) {
        diagram = d;
        boxes.forgetStrips();
        hoveredEdge = null;
        hoveredBox = null;
        view.setContent(d.width(), d.height());
        minimap.setDiagram(d, minimapColors(palette()));
        holder.requestLayout();
        needsInitialView = true;
        if (canvas.getWidth() > 0) {
            initialView();
        }
        updateMatches();
        viewChanged();
    }

    /** Opens a model at a readable zoom showing its top (inputs), centred on them. */
    private void initialView() {
        if (diagram.isEmpty() || canvas.getWidth() <= 0) {
            return;
        }
        needsInitialView = false;
        double z = Math.min(1, Math.max(0.6, view.fitZoom()));
        view.zoomAt(z, 0, 0);
        double topX = diagram.boxes().stream().filter(b -> b.rank() == 0).mapToDouble(Box::x).average()
                .orElse(diagram.width() / 2);
        view.moveTo(topX - view.worldWidth() / 2, 0);
        Node selected = vm.selectedNodeProperty().get();
        if (selected != null) {
            reveal(selected);
        }
    }

    public void zoomBy(double factor) {
        zoomAt(view.zoom() * factor, canvas.getWidth() / 2, canvas.getHeight() / 2);
    }

    private void zoomAt(double zoom, double sx, double sy) {
        view.zoomAt(zoom, sx, sy);
        viewChanged();
    }

    public void fitToWindow() {
        view.fit();
        viewChanged();
    }

    public void actualSize() {
        view.zoomAroundCentre(1);
        viewChanged();
    }

    /** The zoom and pan (for tests and for the integrator). */
    public Viewport viewport() {
        return view;
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
        if (syncing) {
            return;
        }
        view.moveTo(hbar.getValue(), vbar.getValue());
        viewChanged(false);
    }

    private void viewChanged() {
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
        redraw();
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

    /** Centres a node's box if it is not fully in view. */
    private void reveal(Node node) {
        Optional<Box> box = diagram.boxOf(node);
        if (box.isEmpty() || canvas.getWidth() <= 0) {
            return;
        }
        Box b = box.get();
        if (!view.shows(b.left() - 8, b.y() - 8, b.right() + 8, b.bottom() + 8)) {
            if (view.zoom() < TEXT_ZOOM) {
                view.zoomAroundCentre(0.8);
            }
            view.centreOn(b.x(), b.y() + b.height() / 2);
            viewChanged();
        }
    }

    // ---- interaction -----------------------------------------------------------------------------------------

    private void click(double sx, double sy) {
        Optional<Box> box = diagram.boxAt(view.toWorldX(sx), view.toWorldY(sy));
        if (box.isPresent() && box.get().node() != null) {
            vm.selectedNodeProperty().set(box.get().node());
        }
    }

    /** Selects the node whose box contains the point (screen coordinates of the canvas); for tests and tools. */
    public Optional<Node> nodeAt(double sx, double sy) {
        return diagram.boxAt(view.toWorldX(sx), view.toWorldY(sy)).map(Box::node);
    }

    /** Where a node's box centre is on the canvas (screen coordinates of the canvas). */
    public Optional<double[]> screenCentreOf(Node node) {
        return diagram.boxOf(node).map(b -> new double[]{view.toScreenX(b.x()),
                view.toScreenY(b.y() + b.height() / 2)});
    }

    private void hover(MouseEvent e) {
        double wx = view.toWorldX(e.getX());
        double wy = view.toWorldY(e.getY());
        Box box = diagram.boxAt(wx, wy).orElse(null);
        Edge edge = box != null ? null : diagram.edgeAt(wx, wy, 5 / view.zoom()).orElse(null);
        if (box == hoveredBox && edge == hoveredEdge) {
            return;
        }
        hoveredBox = box;
        hoveredEdge = edge;
        String text = describeHover();
        hoverInfo.setText(text);
        if (text.isEmpty()) {
            tooltip.hide();
        } else {
            tooltip.setText(text);
            Window w = getScene() == null ? null : getScene().getWindow();
            if (w != null && w.isShowing()) {
                tooltip.show(canvas, e.getScreenX() + 14, e.getScreenY() + 14);
            }
        }
        canvas.setCursor(box != null && box.node() != null ? Cursor.HAND : Cursor.DEFAULT);
        redraw();
    }

    private void clearHover() {
        hoveredEdge = null;
        hoveredBox = null;
        hoverInfo.setText("");
        tooltip.hide();
        redraw();
    }

    private String describeHover() {
        if (hoveredEdge != null) {
            return hoveredEdge.tensor() + "  " + hoveredEdge.shape() + "   ("
                    + diagram.boxes().get(hoveredEdge.from()).name() + " → "
                    + diagram.boxes().get(hoveredEdge.to()).name() + ")";
        }
        if (hoveredBox != null) {
            StringBuilder s = new StringBuilder(hoveredBox.op()).append("  ").append(hoveredBox.name())
                    .append("  ").append(hoveredBox.shape());
            double kept = vm.keptFraction(hoveredBox);
            if (!Double.isNaN(kept)) {
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

    /** The text shown for what the mouse is over (tensor name and shape of an edge, or a box's summary). */
    public String hoverText() {
        return hoverInfo.getText();
    }

    // ---- search ---------------------------------------------------------------------------------------------

    private void updateMatches() {
        String q = search.getText() == null ? "" : search.getText().strip();
        matches = diagram.search(q);
        matchLabel.setText(q.isEmpty() ? "" : matches.isEmpty() ? "no match" : matches.size() + " found");
        redraw();
    }

    /** Selects the next box matching the search text after the current selection (wraps around). */
    public void nextMatch() {
        if (matches.isEmpty()) {
            return;
        }
        Node selected = vm.selectedNodeProperty().get();
        int at = -1;
        for (int i = 0; i < matches.size(); i++) {
            Box b = matches.get(i);
            if (selected != null && b.node() != null && b.node().index() == selected.index()) {
                at = i;
                break;
            }
        }
        for (int k = 1; k <= matches.size(); k++) {
            Box b = matches.get((at + k) % matches.size());
            if (b.node() != null) {
                matchLabel.setText(((at + k) % matches.size() + 1) + " of " + matches.size());
                vm.selectedNodeProperty().set(b.node());
                reveal(b.node());
                return;
            }
        }
    }

    // ---- drawing ----------------------------------------------------------------------------------------------

    /** Redraws on the next pulse (many changes in one event cost one drawing). */
    private void redraw() {
        if (redrawQueued) {
            return;
        }
        redrawQueued = true;
        Platform.runLater(() -> {
            redrawQueued = false;
            paint();
        });
    }

    /** Draws now; the canvas shows only what lies in the viewport. */
    void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        NetworkPalette p = palette();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);
        if (diagram.isEmpty()) {
            if (!vm.layingOutProperty().get()) {
                g.setFill(p.muted());
                g.setFont(boxes.nameFont);
                g.setTextAlign(TextAlignment.CENTER);
                g.setTextBaseline(VPos.CENTER);
                g.fillText("Open an ONNX model (File ▸ Open, or drop a .onnx file here)", w / 2, h / 2);
            }
            return;
        }
        double z = view.zoom();
        double x0 = view.x();
        double y0 = view.y();
        double x1 = x0 + view.worldWidth();
        double y1 = y0 + view.worldHeight();
        g.save();
        g.scale(z, z);
        g.translate(-x0, -y0);
        drawEdges(g, p, x0, y0, x1, y1, z);
        Node selected = vm.selectedNodeProperty().get();
        int selectedIndex = selected == null ? -1 : selected.index();
        java.util.Set<Integer> highlighted = vm.highlightedNodes();
        java.util.Set<Integer> matched = new java.util.HashSet<>();
        for (Box b : matches) {
            matched.add(b.id());
        }
        diagram.visibleBoxes(x0, y0, x1, y1, id -> {
            Box b = diagram.boxes().get(id);
            int nodeIndex = b.node() == null ? -1 : b.node().index();
            boxes.draw(g, p, b, z, nodeIndex >= 0 && nodeIndex == selectedIndex,
                    nodeIndex >= 0 && highlighted.contains(nodeIndex), matched.contains(id));
        });
        g.restore();
    }

    private void drawEdges(GraphicsContext g, NetworkPalette p, double x0, double y0, double x1, double y1,
                           double z) {
        Node selected = vm.selectedNodeProperty().get();
        int selectedBox = diagram.boxOf(selected).map(Box::id).orElse(-1);
        List<Edge> edges = diagram.edges();
        java.util.List<Edge> active = new java.util.ArrayList<>();
        g.setLineCap(StrokeLineCap.ROUND);
        g.setStroke(p.edge());
        g.setLineWidth(Math.max(1.3, 1 / z));
        g.beginPath();
        boolean curves = z >= DETAIL_ZOOM;
        diagram.visibleEdges(x0, y0, x1, y1, id -> {
            Edge e = edges.get(id);
            if (e.from() == selectedBox || e.to() == selectedBox || e == hoveredEdge) {
                active.add(e);
            } else {
                trace(g, e, curves);
            }
        });
        g.stroke();
        if (z >= TEXT_ZOOM) {
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
