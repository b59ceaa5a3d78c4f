package io.prunescope.ui;

import io.prunescope.model.Node;
import io.prunescope.ui.network.Minimap;
import io.prunescope.ui.network.NetworkDiagram;
import io.prunescope.ui.network.NetworkDiagram.Box;
import io.prunescope.ui.network.Viewport;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The centre panel: the network drawn layer by layer in data-flow order (see {@code src/docs/network-view.md}).
 * One canvas the size of the viewport draws only the boxes and edges inside it, so thousands of nodes stay smooth.
 * This class assembles the panel, installs each new diagram, paints, and owns the selection: clicking a box selects
 * its node and a selection made elsewhere scrolls into view. Zoom and pan are {@link NetworkNavigator}'s, the
 * tooltip {@link NetworkHover}'s, the search field {@link NetworkSearch}'s; boxes and edges are drawn by
 * {@link NetworkBoxPainter} and {@link NetworkEdgePainter}. Boxes of the selected layer's coupled group are outlined.
 */
public final class NetworkView extends BorderPane {

    private static final double TEXT_ZOOM = NetworkBoxPainter.TEXT_ZOOM;

    private final NetworkViewModel vm;
    private final Canvas canvas = new Canvas();
    private final NetworkCanvasPane holder;
    private final Minimap minimap;
    private final Viewport view = new Viewport();
    private final NetworkBoxPainter boxes;
    private final NetworkNavigator navigator;
    private final NetworkHover hover;
    private final NetworkSearch search;
    private final NetworkProfileStrip profile;

    private NetworkDiagram diagram = NetworkDiagram.empty();
    private boolean needsInitialView = true;
    /** The node whose box should stay put on screen across the next relayout, and where its box was. */
    private Node anchor;
    private boolean fitOnInstall;
    private double anchorScreenX;
    private double anchorScreenY;
    private boolean redrawQueued;

    public NetworkView(NetworkViewModel vm) {
        this.vm = vm;
        this.boxes = new NetworkBoxPainter(vm);
        getStyleClass().addAll("panel", "network-panel");
        minimap = new Minimap(minimapColors(palette()));
        navigator = new NetworkNavigator(canvas, view, minimap, this::redraw, this::click);
        hover = new NetworkHover(vm, canvas, view, this::redraw);
        search = new NetworkSearch(vm, this::redraw, this::reveal, canvas::requestFocus);

        Label title = new Label("Network");
        title.getStyleClass().add("panel-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox tools = new HBox(6, search.field(), search.matchLabel(), spacer);
        tools.getChildren().addAll(navigator.zoomControls());
        tools.getChildren().add(new NetworkExportMenu(this, vm).node());
        tools.setAlignment(Pos.CENTER_LEFT);
        tools.getStyleClass().add("network-tools");
        NetworkStructureControls structure = new NetworkStructureControls(vm, this::collapseAllAndFit);
        setTop(new VBox(title, tools, structure.node()));

        holder = new NetworkCanvasPane(canvas, minimap, vm.layingOutProperty());
        canvas.setId("networkCanvas");
        canvas.setFocusTraversable(true);
        setCenter(holder);
        setRight(navigator.verticalBar());
        profile = new NetworkProfileStrip(vm);
        setBottom(new VBox(navigator.horizontalBar(), profile, hover.info()));

        InvalidationListener resize = o -> {
            view.setViewSize(canvas.getWidth(), canvas.getHeight());
            if (needsInitialView) {
                initialView();
            }
            navigator.viewChanged();
        };
        canvas.widthProperty().addListener(resize);
        canvas.heightProperty().addListener(resize);
        vm.diagramProperty().addListener((obs, old, now) -> install(now));
        // toolbar changes (collapse all, show everything) keep the selected layer in place if it is on screen
        vm.optionsProperty().addListener(o -> {
            Node selected = vm.selectedNodeProperty().get();
            Optional<Box> b = diagram.boxOf(selected);
            if (anchor == null && b.isPresent() && view.shows(b.get().left(), b.get().y(), b.get().right(),
                    b.get().bottom())) {
                anchorOn(b.get());
                anchor = selected;
            }
        });
        vm.themeProperty().addListener(o -> {
            boxes.forgetStrips();
            minimap.setDiagram(diagram, minimapColors(palette()));
            navigator.viewChanged();
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
        vm.shading().versionProperty().addListener(o -> redraw());
        vm.selectedNodeProperty().addListener((obs, old, now) -> {
            reveal(now);
            redraw();
        });
        install(vm.diagram());
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
        hover.setDiagram(d);
        view.setContent(d.width(), d.height());
        minimap.setDiagram(d, minimapColors(palette()));
        holder.requestLayout();
        // a new layout of the same model (a marker opened, a module collapsed) keeps the anchor where it was
        Optional<Box> kept = anchor == null ? Optional.empty() : d.boxOf(anchor);
        anchor = null;
        if (fitOnInstall && canvas.getWidth() > 0 && !needsInitialView) {
            fitOnInstall = false;
            view.fit();
        } else if (kept.isPresent() && canvas.getWidth() > 0 && !needsInitialView) {
            Box b = kept.get();
            view.moveTo(b.x() - anchorScreenX / view.zoom(), b.y() - anchorScreenY / view.zoom());
        } else {
            needsInitialView = true;
            if (canvas.getWidth() > 0) {
                initialView();
            }
        }
        search.setDiagram(d);
        navigator.viewChanged();
        paint(); // now, not on a later pulse: a snapshot taken right after a model opens must show the graph
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
        navigator.zoomBy(factor);
    }

    public void fitToWindow() {
        navigator.fitToWindow();
    }

    public void actualSize() {
        navigator.actualSize();
    }

    /** Scrolls by screen pixels, as the mouse wheel does (for {@link PanTimer}). */
    void panBy(double dx, double dy) {
        view.panBy(dx, dy);
        navigator.viewChanged();
    }

    /** The zoom and pan (for tests and for the integrator). */
    public Viewport viewport() {
        return view;
    }

    // ---- selection -------------------------------------------------------------------------------------------

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
            navigator.viewChanged();
        }
    }

    /**
     * A click selects the node under it; on a fold marker it expands (or folds again) the shape arithmetic; on a
     * module's strip it selects that layer, elsewhere on a module its first prunable layer; a double click on a
     * module opens it.
     */
    private void click(double sx, double sy, int count) {
        double wx = view.toWorldX(sx);
        double wy = view.toWorldY(sy);
        Optional<Box> hit = diagram.boxAt(wx, wy);
        if (hit.isEmpty()) {
            return;
        }
        Box b = hit.get();
        anchorOn(b);
        if (NetworkModulePainter.onFoldMarker(b, wx, wy)) {
            vm.toggleFold(b.node());
        } else if (b.module() != null && count >= 2) {
            vm.expand(b.module());
        } else if (b.module() != null) {
            io.prunescope.analysis.PrunableLayer l = boxes.modules().layerAt(b, wx, wy);
            List<io.prunescope.analysis.PrunableLayer> inside = vm.totals(b).layers();
            if (l == null && !inside.isEmpty()) {
                l = inside.get(0);
            }
            if (l != null) {
                vm.selectedNodeProperty().set(l.node());
            }
        } else if (b.node() != null) {
            vm.selectedNodeProperty().set(b.node());
        }
    }

    /** Remembers a box's node and its place on screen, so a relayout caused by a click keeps it there. */
    private void anchorOn(Box b) {
        List<io.prunescope.analysis.PrunableLayer> inside = vm.totals(b).layers();
        anchor = b.node() != null ? b.node() : inside.isEmpty() ? null : inside.get(0).node();
        anchorScreenX = view.toScreenX(b.x());
        anchorScreenY = view.toScreenY(b.y());
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

    /** The text shown for what the mouse is over (tensor name and shape of an edge, or a box's summary). */
    public String hoverText() {
        return hover.text();
    }

    /** Collapses every module as soon as the model's structure is known (screenshots of the collapsed view). */
    public void collapseAllWhenReady() {
        if (vm.structureProperty().get() != null) {
            collapseAllAndFit();
            return;
        }
        vm.structureProperty().addListener(new javafx.beans.InvalidationListener() {
            @Override
            public void invalidated(javafx.beans.Observable o) {
                if (vm.structureProperty().get() != null) {
                    vm.structureProperty().removeListener(this);
                    Platform.runLater(NetworkView.this::collapseAllAndFit);
                }
            }
        });
    }

    /** Collapses every top-level module and fits the overview to the window once it is laid out. */
    public void collapseAllAndFit() {
        fitOnInstall = true;
        vm.collapseAll();
    }

    /** The pruning profile strip under the canvas (one bar per prunable layer). */
    NetworkProfileStrip profile() {
        return profile;
    }

    /** Selects the next box matching the search text after the current selection (wraps around). */
    public void nextMatch() {
        search.nextMatch();
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
        render(g, view.x(), view.y(), view.x() + view.worldWidth(), view.y() + view.worldHeight(), view.zoom(),
                false);
    }

    /**
     * Draws the world rectangle {@code x0,y0 – x1,y1} at zoom {@code z} into {@code g} (whose origin is the
     * rectangle's corner). {@code plain}: without selection, search and hover marks, for pictures.
     */
    void render(GraphicsContext g, double x0, double y0, double x1, double y1, double z, boolean plain) {
        NetworkPalette p = palette();
        g.save();
        g.scale(z, z);
        g.translate(-x0, -y0);
        Node selected = plain ? null : vm.selectedNodeProperty().get();
        int selectedBox = diagram.boxOf(selected).map(Box::id).orElse(-1);
        NetworkEdgePainter.draw(g, p, diagram, x0, y0, x1, y1, z, selectedBox, plain ? null : hover.hoveredEdge());
        Set<Integer> highlighted = plain ? Set.of() : vm.highlightedNodes();
        Set<Integer> matched = plain ? Set.of() : search.matchedIds();
        diagram.visibleBoxes(x0, y0, x1, y1, id -> {
            Box b = diagram.boxes().get(id);
            int nodeIndex = b.node() == null ? -1 : b.node().index();
            boxes.draw(g, p, b, z, id == selectedBox,
                    nodeIndex >= 0 && highlighted.contains(nodeIndex), matched.contains(id));
        });
        g.restore();
    }

    /** The diagram on screen now. */
    public NetworkDiagram diagram() {
        return diagram;
    }

    /** Writes the whole network or the part in view as a PNG, with the plan's colouring. Call on the FX thread. */
    public void exportPng(java.nio.file.Path png, boolean whole) throws java.io.IOException {
        NetworkPictures.png(this, png, whole);
    }

    /** Writes the whole network or the part in view as an SVG, with the plan's colouring. */
    public void exportSvg(java.nio.file.Path svg, boolean whole) throws java.io.IOException {
        NetworkPictures.svg(this, vm, svg, whole);
    }

    NetworkPalette currentPalette() {
        return palette();
    }
}
