package io.prunescope.ui;

import io.prunescope.model.Node;
import javafx.beans.InvalidationListener;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.List;

/**
 * The centre panel: the network as boxes in topological order, one row per node with its op type, name and output
 * shape, and a connector where a node feeds the next. The canvas is only as large as the viewport and draws the
 * visible rows, so models with thousands of nodes scroll smoothly. Clicking a box selects the node.
 */
public final class NetworkView extends BorderPane {

    static final double ROW_HEIGHT = 34;
    private static final double BOX_HEIGHT = 26;
    private static final double MARGIN = 16;
    private static final double MAX_BOX_WIDTH = 560;

    private final NetworkViewModel vm;
    private final Canvas canvas = new Canvas();
    private final ScrollBar scroll = new ScrollBar();
    private final Font opFont = Font.font("System", FontWeight.BOLD, 12);
    private final Font nameFont = Font.font("System", 11);
    private final Font shapeFont = Font.font("Monospaced", 11);

    public NetworkView(NetworkViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("panel", "network-panel");
        Label title = new Label("Network");
        title.getStyleClass().add("panel-title");
        setTop(title);

        Pane holder = new Pane(canvas);
        holder.getStyleClass().add("network-canvas-holder");
        holder.setMinSize(0, 0);
        canvas.setId("networkCanvas");
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.setUnitIncrement(ROW_HEIGHT);
        setCenter(holder);
        setRight(scroll);
        scroll.managedProperty().bind(scroll.visibleProperty());

        InvalidationListener redraw = o -> redraw();
        canvas.widthProperty().addListener(redraw);
        canvas.heightProperty().addListener(o -> { updateScroll(); redraw(); });
        scroll.valueProperty().addListener(redraw);
        vm.boxes().addListener((InvalidationListener) o -> { scroll.setValue(0); updateScroll(); redraw(); });
        vm.themeProperty().addListener(redraw);
        vm.selectedNodeProperty().addListener((obs, old, now) -> { reveal(now); redraw(); });
        canvas.setOnScroll(e -> scroll.setValue(clamp(scroll.getValue() - e.getDeltaY())));
        canvas.setOnMouseClicked(e -> {
            int row = (int) Math.floor((e.getY() + scroll.getValue() - MARGIN / 2) / ROW_HEIGHT);
            List<NetworkViewModel.Box> boxes = vm.boxes();
            if (row >= 0 && row < boxes.size() && e.getX() >= MARGIN && e.getX() <= MARGIN + boxWidth()) {
                vm.selectedNodeProperty().set(boxes.get(row).node());
            }
        });
        updateScroll();
    }

    private double contentHeight() {
        return vm.boxes().size() * ROW_HEIGHT + MARGIN;
    }

    private void updateScroll() {
        double max = Math.max(0, contentHeight() - canvas.getHeight());
        scroll.setMax(max);
        scroll.setVisibleAmount(max == 0 ? 1 : canvas.getHeight() * max / contentHeight());
        scroll.setBlockIncrement(Math.max(ROW_HEIGHT, canvas.getHeight() - ROW_HEIGHT));
        scroll.setValue(clamp(scroll.getValue()));
        scroll.setVisible(max > 0);
    }

    private double clamp(double v) {
        return Math.max(0, Math.min(scroll.getMax(), v));
    }

    private double boxWidth() {
        return Math.max(120, Math.min(MAX_BOX_WIDTH, canvas.getWidth() - 2 * MARGIN));
    }

    private void reveal(Node node) {
        if (node == null) {
            return;
        }
        List<NetworkViewModel.Box> boxes = vm.boxes();
        for (int i = 0; i < boxes.size(); i++) {
            if (boxes.get(i).node().index() == node.index()) {
                double top = MARGIN / 2 + i * ROW_HEIGHT;
                if (top < scroll.getValue() || top + ROW_HEIGHT > scroll.getValue() + canvas.getHeight()) {
                    scroll.setValue(clamp(top - canvas.getHeight() / 3));
                }
                return;
            }
        }
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        NetworkPalette p = NetworkPalette.of(vm.themeProperty().get());
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);
        List<NetworkViewModel.Box> boxes = vm.boxes();
        if (boxes.isEmpty()) {
            g.setFill(p.muted());
            g.setFont(nameFont);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("Open an ONNX model (File ▸ Open, or drop a .onnx file here)", w / 2, h / 2);
            return;
        }
        double offset = scroll.getValue();
        int first = Math.max(0, (int) Math.floor((offset - MARGIN) / ROW_HEIGHT));
        int last = Math.min(boxes.size() - 1, (int) Math.ceil((offset + h) / ROW_HEIGHT));
        Node selected = vm.selectedNodeProperty().get();
        double bw = boxWidth();
        for (int i = first; i <= last; i++) {
            NetworkViewModel.Box b = boxes.get(i);
            double y = MARGIN / 2 + i * ROW_HEIGHT - offset + (ROW_HEIGHT - BOX_HEIGHT) / 2;
            boolean isSelected = selected != null && selected.index() == b.node().index();
            drawBox(g, p, b, MARGIN, y, bw, isSelected);
        }
    }

    private void drawBox(GraphicsContext g, NetworkPalette p, NetworkViewModel.Box b, double x, double y, double bw,
                         boolean selected) {
        if (b.feedsNext()) {
            g.setStroke(p.connector());
            g.setLineWidth(1.5);
            double cx = x + 28;
            g.strokeLine(cx, y + BOX_HEIGHT, cx, y + ROW_HEIGHT);
        }
        g.setFill(p.box());
        g.fillRoundRect(x, y, bw, BOX_HEIGHT, 8, 8);
        g.setStroke(selected ? p.selected() : p.boxBorder());
        g.setLineWidth(selected ? 2 : 1);
        g.strokeRoundRect(x + 0.5, y + 0.5, bw - 1, BOX_HEIGHT - 1, 8, 8);
        g.setFill(NetworkPalette.accent(b.op()));
        g.fillRoundRect(x + 1, y + 1, 5, BOX_HEIGHT - 2, 4, 4);

        double mid = y + BOX_HEIGHT / 2;
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(p.text());
        g.setFont(opFont);
        g.fillText(b.op(), x + 14, mid, 130);
        g.setFont(nameFont);
        g.setFill(p.muted());
        double shapeSpace = Math.min(170, bw * 0.4);
        g.fillText(b.name(), x + 150, mid, Math.max(0, bw - 150 - shapeSpace - 10));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setFont(shapeFont);
        g.setFill(p.text());
        g.fillText(b.shape(), x + bw - 10, mid, shapeSpace);
    }
}
