package io.prunescope.ui.heatmap;

import io.prunescope.prune.PruneDecision;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.CancelledException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Heatmaps of the selected layer (issue 4 item 3): per-unit scores by L1, L2, FPGM sum and distance to the
 * geometric median side by side (bars, in filter order or sorted); a filters × input-channels map of kernel norms
 * and a filters × kernel-positions map of stripe norms (dense layers: a neurons × inputs magnitude map). Units the
 * decision prunes are dimmed and hatched, with red marks beside pruned rows and above pruned columns. Hovering
 * shows the unit and its value; every map and row has a colour legend with its min and max.
 *
 * <p>Scores and norms are computed off the FX thread (the engine caches scores); the newest {@link #show} wins.
 * Maps are rendered into {@code WritableImage}s through a {@code PixelWriter}, not one node per cell.
 *
 * <p>The panel holds what changes (the layer shown, sort order, fitted sizes, hover line); the off-thread work is
 * {@link RenderedHeatmaps}, the blocks are built by {@link HeatmapBlocks}, and texts and hover hit-tests come from
 * {@link HeatmapText}.
 */
public class HeatmapPanel extends VBox {

    static final int MAP_WIDTH = 340;
    static final int BAR_WIDTH = 210;
    static final int MAP_HEIGHT = 300;
    static final int BAR_HEIGHT = 34;
    /** Maps never get smaller than this; below it the panel scrolls. */
    static final int MIN_MAP_HEIGHT = 96;
    /** Score bars never get lower than this. */
    static final int MIN_BAR_HEIGHT = 18;
    /** Height of a map block besides the map: its title, legend and gaps. */
    static final int MAP_CHROME = 74;

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "prunescope-heatmap");
        t.setDaemon(true);
        // below the FX thread where the OS honours priorities (src/docs/time-to-interactive.md)
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    /** Held back while a model is being installed (FrameGate). */
    private static final java.util.concurrent.Executor GATED =
            io.prunescope.ui.responsiveness.FrameGate.shared().holding(WORKER);

    private final Label title = new Label("Select a prunable layer to see its heatmaps");
    private final Label subtitle = new Label();
    private final Label note = new Label();
    private final ProgressIndicator progress = new ProgressIndicator();
    private final CheckBox sorted = new CheckBox("Sorted");
    /** Blocks (scores, each map) side by side, wrapping below one another when the panel is narrow. */
    private final FlowPane content = new FlowPane(Orientation.HORIZONTAL, 22, 10);
    private final Label hover = new Label(" ");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final List<MapView> mapViews = new ArrayList<>();
    private final List<BarView> barViews = new ArrayList<>();
    private Task<RenderedHeatmaps> task;
    private CancellationToken cancel = new CancellationToken();
    private HeatmapData data;
    /** The tallest a map is drawn: {@link #MAP_HEIGHT}, less when the panel is short (a tab under the panels). */
    private double mapMaxHeight = MAP_HEIGHT;
    /** The height score bars are drawn: {@link #BAR_HEIGHT}, less when the panel is short. */
    private int barHeight = BAR_HEIGHT;

    public HeatmapPanel() {
        getStyleClass().add("heatmap-panel");
        setId("heatmapPanel");
        title.getStyleClass().add("heatmap-title");
        title.setId("heatmapTitle");
        subtitle.getStyleClass().add("heatmap-subtitle");
        note.getStyleClass().add("heatmap-note");
        note.setWrapText(true);
        progress.setId("heatmapProgress");
        progress.setPrefSize(18, 18);
        progress.setMaxSize(18, 18);
        progress.visibleProperty().bind(busy);
        sorted.setId("heatmapSorted");
        sorted.setTooltip(new Tooltip("Sort each criterion's bars by score (its pruning order) instead of filter order"));
        sorted.selectedProperty().addListener(o -> redrawBars());
        sorted.setDisable(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox titles = new VBox(1, title, subtitle);
        HBox header = new HBox(8, titles, spacer, progress, sorted);
        header.setAlignment(Pos.CENTER_LEFT);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("heatmap-scroll");
        content.setAlignment(Pos.TOP_LEFT);
        content.setRowValignment(javafx.geometry.VPos.TOP);
        // In a short panel the maps shrink to the viewport's height, so a whole map stays in view without scrolling.
        scroll.viewportBoundsProperty().addListener((obs, old, now) -> {
            double h = Math.max(MIN_MAP_HEIGHT, Math.min(MAP_HEIGHT, Math.floor(now.getHeight() - MAP_CHROME)));
            if (h != mapMaxHeight) {
                mapMaxHeight = h;
                mapViews.forEach(MapView::fit);
            }
            // the four score rows, their title and legend fit the same height
            int b = (int) Math.max(MIN_BAR_HEIGHT, Math.min(BAR_HEIGHT, Math.floor((now.getHeight() - 64) / 4 - 6)));
            if (b != barHeight) {
                barHeight = b;
                redrawBars();
            }
        });
        VBox.setVgrow(scroll, Priority.ALWAYS);
        hover.setId("heatmapHover");
        hover.getStyleClass().add("heatmap-hover");
        hover.setMaxWidth(Double.MAX_VALUE);
        getChildren().addAll(header, note, scroll, hover);
    }

    /**
     * Shows the heatmaps of one layer. Called on the FX thread; heavy scoring runs off it.
     *
     * @param workspace the open model (scores via {@code workspace.engine().layerScores(...)})
     * @param layerName the prunable layer's display name, or null to clear
     * @param decision  the current decision, to mark the pruned units (may be null)
     */
    public void show(Workspace workspace, String layerName, PruneDecision decision) {
        if (task != null) {
            task.cancel();
            cancel.cancel();
        }
        if (workspace == null || layerName == null || workspace.engine().layer(layerName).isEmpty()) {
            task = null;
            busy.set(false);
            clear(layerName == null ? "Select a prunable layer to see its heatmaps"
                    : layerName + " has no prunable weight");
            return;
        }
        CancellationToken token = new CancellationToken();
        cancel = token;
        int bars = barHeight;
        Task<RenderedHeatmaps> t = new Task<>() {
            @Override
            protected RenderedHeatmaps call() {
                return RenderedHeatmaps.compute(workspace, layerName, decision, MAP_WIDTH, MAP_HEIGHT, BAR_WIDTH,
                        bars, token);
            }
        };
        task = t;
        busy.set(true);
        title.setText(layerName);
        t.setOnSucceeded(e -> {
            if (t == task) {
                install(t, t.getValue());
            }
        });
        t.setOnFailed(e -> {
            if (t == task) {
                busy.set(false);
                Throwable ex = t.getException();
                if (!(ex instanceof CancelledException)) {
                    clear(layerName + ": " + ex.getMessage());
                }
            }
        });
        GATED.execute(t);
    }

    private void clear(String message) {
        data = null;
        title.setText(message);
        subtitle.setText("");
        note.setText("");
        content.getChildren().clear();
        mapViews.clear();
        barViews.clear();
        sorted.setDisable(true);
    }

    /**
     * Shows the rendered heatmaps over several pulses: the titles and score bars now, then one map per pulse, and
     * busy ends with the last one. The images were filled off the FX thread; here they only get their views, but
     * a block's first CSS pass and layout still cost a few ms each (src/docs/time-to-interactive.md). A newer
     * {@link #show} ({@code task} changed) stops the rest.
     */
    private void install(Task<RenderedHeatmaps> t, RenderedHeatmaps r) {
        HeatmapData d = r.data();
        data = d;
        content.getChildren().clear();
        mapViews.clear();
        barViews.clear();
        title.setText(d.layer());
        subtitle.setText(HeatmapText.subtitle(d));
        String n = HeatmapText.pruningNote(d);
        note.setText(n);
        note.setVisible(!n.isEmpty());
        note.setManaged(!n.isEmpty());
        sorted.setDisable(false);

        content.getChildren().add(HeatmapBlocks.scores(d, s -> {
            BarView bars = new BarView(s, d.prunedRows(), d.unitName(), r.bars().get(s));
            barViews.add(bars);
            return bars.image;
        }));
        redrawBars();
        installMap(t, r, 0);
    }

    private void installMap(Task<RenderedHeatmaps> t, RenderedHeatmaps r, int i) {
        io.prunescope.ui.responsiveness.FrameGate.afterNextFrame(() -> {
            if (t != task) {
                return;
            }
            if (i == r.data().maps().size()) {
                busy.set(false);
                return;
            }
            HeatmapData.Matrix m = r.data().maps().get(i);
            MapView view = new MapView(m, r.rasters().get(i), r.images().get(i));
            mapViews.add(view);
            content.getChildren().add(HeatmapBlocks.map(m, view.image, MAP_WIDTH));
            installMap(t, r, i + 1);
        });
    }

    private void redrawBars() {
        for (BarView b : barViews) {
            b.render(sorted.isSelected());
        }
    }

    // ---- what tests and the inspector can read ------------------------------------------------------------

    /** True while the layer's scores and maps are computed. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The data shown, or null. */
    public HeatmapData data() {
        return data;
    }

    /** The maps shown (conv: kernel norms, stripe norms; dense: magnitudes). */
    public List<MapView> maps() {
        return List.copyOf(mapViews);
    }

    public List<BarView> bars() {
        return List.copyOf(barViews);
    }

    /** The text of what the mouse is over. */
    public String hoverText() {
        return hover.getText();
    }

    public void setSorted(boolean on) {
        sorted.setSelected(on);
    }

    /** One map: the image, its raster and the hover read-out. */
    public final class MapView {
        private final HeatmapData.Matrix matrix;
        private final HeatmapRenderer.Raster raster;
        private final ImageView image;
        private final Tooltip tip = new Tooltip();

        MapView(HeatmapData.Matrix matrix, HeatmapRenderer.Raster raster, javafx.scene.image.Image filled) {
            this.matrix = matrix;
            this.raster = raster;
            image = new ImageView(filled);
            image.getStyleClass().add("heatmap-map");
            fit();
            tip.setShowDelay(Duration.millis(150));
            Tooltip.install(image, tip);
            image.setOnMouseMoved(this::hover);
            image.setOnMouseExited(e -> HeatmapPanel.this.hover.setText(" "));
        }

        /** Scales the map (uniformly, never up) into {@link #MAP_WIDTH} × the current map height. */
        void fit() {
            double scale = Math.min(1, Math.min((double) MAP_WIDTH / raster.width(),
                    mapMaxHeight / raster.height()));
            image.setFitWidth(raster.width() * scale);
            image.setFitHeight(raster.height() * scale);
            image.setSmooth(scale < 1);
        }

        private void hover(MouseEvent e) {
            String text = describe(e.getX() * raster.width() / image.getFitWidth(),
                    e.getY() * raster.height() / image.getFitHeight());
            HeatmapPanel.this.hover.setText(text);
            tip.setText(text);
        }

        /** What lies at raster pixel (x, y): the cell, its value and whether it is pruned. */
        public String describe(double x, double y) {
            return HeatmapText.describeCell(matrix, raster, x, y);
        }

        public HeatmapData.Matrix matrix() {
            return matrix;
        }

        public HeatmapRenderer.Raster raster() {
            return raster;
        }

        public ImageView imageView() {
            return image;
        }

        public int rows() {
            return matrix.rows();
        }

        public int cols() {
            return matrix.cols();
        }
    }

    /** One criterion's bars. */
    public final class BarView {
        private final HeatmapData.ScoreRow row;
        private final BitSet pruned;
        private final String unitName;
        private final ImageView image = new ImageView();
        private final Tooltip tip = new Tooltip();
        private HeatmapRenderer.Raster raster;
        private int[] order;
        /** Drawn off the FX thread in filter order (null: none); used while order and height still match. */
        private final RenderedHeatmaps.Bars prepared;

        BarView(HeatmapData.ScoreRow row, BitSet pruned, String unitName, RenderedHeatmaps.Bars prepared) {
            this.row = row;
            this.prepared = prepared;
            this.pruned = pruned;
            this.unitName = unitName;
            image.getStyleClass().add("heatmap-bars");
            tip.setShowDelay(Duration.millis(150));
            Tooltip.install(image, tip);
            image.setOnMouseMoved(e -> {
                String text = describe(e.getX() * raster.width() / image.getFitWidth());
                HeatmapPanel.this.hover.setText(text);
                tip.setText(text);
            });
            image.setOnMouseExited(e -> HeatmapPanel.this.hover.setText(" "));
        }

        void render(boolean sortedOrder) {
            RenderedHeatmaps.Bars b = !sortedOrder && prepared != null && prepared.height() == barHeight ? prepared
                    : RenderedHeatmaps.Bars.render(row, pruned, sortedOrder, BAR_WIDTH, barHeight);
            order = b.order();
            raster = b.raster();
            image.setImage(b.image());
            double scale = Math.min(1, (double) BAR_WIDTH / raster.width());
            image.setFitWidth(raster.width() * scale);
            image.setFitHeight(raster.height());
            image.setSmooth(scale < 1);
        }

        /** The unit under raster pixel x and its score. */
        public String describe(double x) {
            return HeatmapText.describeBar(row, order, pruned, unitName, raster, x);
        }

        /** Units in drawing order (filter order, or ascending score when sorted). */
        public int[] order() {
            return order.clone();
        }

        public HeatmapData.ScoreRow row() {
            return row;
        }

        public HeatmapRenderer.Raster raster() {
            return raster;
        }
    }
}
