package io.prunescope.ui.preview;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.Node;
import io.prunescope.prune.NodePreview;
import io.prunescope.prune.Preview;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.PruningPlan;
import io.prunescope.session.Workspace;
import io.prunescope.ui.MainViewModel;
import io.prunescope.ui.Theme;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The charts of the tabs under the panels (JFreeChart-FX): per prunable layer, stacked bars of what the plan keeps
 * and removes (MACs or parameters, switchable) — {@link #costsView()} — and a histogram of the selected layer's scores
 * under its criterion with the cut-off marked — {@link #histogramView()}. Scores are computed off the FX thread,
 * latest request wins.
 */
public final class ChartsPanel {

    private static final Color KEPT = new Color(0x2f6fe4);
    private static final Color REMOVED = new Color(0xe4572e);
    private static final Color ZEROED = new Color(0xf2a541);

    private final MainViewModel document;
    private final Executor executor;
    private final AtomicLong latest = new AtomicLong();
    private final JFreeChart bars;
    private final JFreeChart histogram;
    private final ToggleButton macsToggle = new ToggleButton("MACs");
    private final ToggleButton paramsToggle = new ToggleButton("Params");
    private final ReadOnlyBooleanWrapper scoring = new ReadOnlyBooleanWrapper(this, "scoring");
    private final ReadOnlyObjectWrapper<ScoreHistogram> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final VBox costsView;
    private final VBox histogramView;
    /**
     * Whether the bars are on screen (their tab selected). While they are not, a change only marks them stale and
     * they are drawn when shown: JFreeChart draws the whole chart on the FX thread, ~0.1 ms per bar (300 ms for a
     * 3,000-layer model), which opening a model must not pay for a chart nobody looks at.
     */
    private final javafx.beans.property.BooleanProperty barsShowing =
            new javafx.beans.property.SimpleBooleanProperty(this, "barsShowing", true);
    private boolean barsStale;
    /** Likewise for the histogram: drawn when its tab shows; {@link #shownProperty()} follows at once regardless. */
    private final javafx.beans.property.BooleanProperty histogramShowing =
            new javafx.beans.property.SimpleBooleanProperty(this, "histogramShowing", true);
    private ScoreHistogram histogramToDraw;

    public ChartsPanel(MainViewModel document, Executor executor) {
        this.document = document;
        this.executor = executor;

        bars = ChartFactory.createStackedBarChart(null, null, "MACs", new DefaultCategoryDataset(),
                PlotOrientation.VERTICAL, true, true, false);
        CategoryPlot cp = bars.getCategoryPlot();
        StackedBarRenderer r = (StackedBarRenderer) cp.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.06);
        cp.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        cp.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.6f);
        histogram = ChartFactory.createHistogram(null, "score", "units", new HistogramDataset(),
                PlotOrientation.VERTICAL, false, true, false);
        XYBarRenderer xr = (XYBarRenderer) histogram.getXYPlot().getRenderer();
        xr.setBarPainter(new StandardXYBarPainter());
        xr.setShadowVisible(false);
        xr.setSeriesPaint(0, KEPT);
        xr.setSeriesPaint(1, REMOVED);
        xr.setDrawBarOutline(false);

        ChartViewer barsViewer = new ChartViewer(bars);
        barsViewer.setId("layerBarsChart");
        ChartViewer histViewer = new ChartViewer(histogram);
        histViewer.setId("scoreHistogram");
        for (ChartViewer v : new ChartViewer[]{barsViewer, histViewer}) {
            v.setMinSize(100, 120);
            v.setPrefSize(300, 200);
        }

        ToggleGroup group = new ToggleGroup();
        macsToggle.setId("chartMacs");
        paramsToggle.setId("chartParams");
        macsToggle.setToggleGroup(group);
        paramsToggle.setToggleGroup(group);
        macsToggle.setSelected(true);
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                updateBars();
            }
        });
        macsToggle.getStyleClass().add("small-toggle");
        paramsToggle.getStyleClass().add("small-toggle");
        Label barsTitle = new Label("KEPT VS REMOVED PER LAYER");
        barsTitle.getStyleClass().add("section-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox barsHead = new HBox(6, barsTitle, spacer, macsToggle, paramsToggle);
        barsHead.getStyleClass().add("chart-head");
        costsView = new VBox(4, barsHead, barsViewer);
        costsView.setId("costsView");
        VBox.setVgrow(barsViewer, Priority.ALWAYS);
        Label histTitle = new Label("SCORES OF THE SELECTED LAYER");
        histTitle.getStyleClass().add("section-title");
        HBox histHead = new HBox(6, histTitle);
        histHead.getStyleClass().add("chart-head");
        histogramView = new VBox(4, histHead, histViewer);
        histogramView.setId("histogramView");
        VBox.setVgrow(histViewer, Priority.ALWAYS);
        for (VBox v : new VBox[]{costsView, histogramView}) {
            v.getStyleClass().addAll("charts-panel", "chart-box");
            v.setMinSize(0, 0);
        }

        document.previewProperty().addListener((obs, old, now) -> updateBars());
        document.analysisProperty().addListener((obs, old, now) -> updateBars());
        barsShowing.addListener((obs, old, now) -> {
            if (now && barsStale) {
                updateBars();
            }
        });
        histogramShowing.addListener((obs, old, now) -> {
            if (now && histogramToDraw != null) {
                drawHistogram();
            }
        });
        document.decisionProperty().addListener((obs, old, now) -> updateScores());
        document.selectedNodeProperty().addListener((obs, old, now) -> updateScores());
        document.themeProperty().addListener((obs, old, now) -> applyTheme(now));
        applyTheme(document.themeProperty().get());
        updateBars();
        updateScores();
    }

    private boolean showingParams() {
        return paramsToggle.isSelected();
    }

    private void updateBars() {
        if (!barsShowing.get()) {
            barsStale = true;
            return;
        }
        barsStale = false;
        // every setter below would redraw the whole chart at once (JFreeChart notifies per change): draw once
        bars.setNotify(false);
        try {
            fillBars();
        } finally {
            bars.setNotify(true);
        }
    }

    private void fillBars() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Workspace w = document.getWorkspace();
        Preview p = document.previewProperty().get();
        CategoryPlot plot = bars.getCategoryPlot();
        boolean params = showingParams();
        plot.getRangeAxis().setLabel(params ? "parameters" : "MACs");
        if (w != null) {
            Map<Integer, NodePreview> byNode = new HashMap<>();
            if (p != null) {
                p.nodes().forEach(n -> byNode.put(n.node().index(), n));
            }
            java.util.Set<String> used = new java.util.HashSet<>();
            for (PrunableLayer l : w.analysis().prunableLayers()) {
                String key = shortName(l.name());
                if (!used.add(key)) {
                    key = l.name();
                    used.add(key);
                }
                NodePreview np = byNode.get(l.node().index());
                var cost = w.analysis().cost(l.node());
                long before = np != null ? (params ? np.paramsBefore() : np.macsBefore())
                        : cost == null ? 0 : params ? cost.params() : cost.macs();
                long after = np != null ? (params ? np.paramsAfter() : np.macsAfter()) : before;
                long nonzero = np != null && params ? np.nonzeroParamsAfter() : after;
                data.addValue(nonzero, "kept", key);
                if (params) {
                    data.addValue(after - nonzero, "zeroed", key);
                }
                data.addValue(before - after, "removed", key);
            }
        }
        plot.setDataset(data);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setSeriesPaint(0, KEPT);
        r.setSeriesPaint(1, params ? ZEROED : REMOVED);
        r.setSeriesPaint(2, REMOVED);
        plot.getDomainAxis().setTickLabelsVisible(data.getColumnCount() <= 40);
    }

    /** "/stage2/conv1/Conv" → "stage2/conv1": the axis has little room. */
    static String shortName(String name) {
        String s = name.startsWith("/") ? name.substring(1) : name;
        int slash = s.lastIndexOf('/');
        return slash > 0 ? s.substring(0, slash) : s;
    }

    private void updateScores() {
        long id = latest.incrementAndGet();
        Workspace w = document.getWorkspace();
        PruningPlan plan = document.planProperty().get();
        PruneDecision decision = document.decisionProperty().get();
        Node node = document.selectedNodeProperty().get();
        if (w == null || plan == null || node == null || w.engine().layer(node.displayName()).isEmpty()) {
            scoring.set(false);
            showHistogram(ScoreHistogram.empty(w == null ? "No model" : "Select a prunable layer to see its scores"));
            return;
        }
        scoring.set(true);
        String layer = node.displayName();
        executor.execute(() -> {
            if (id != latest.get()) {
                return; // a newer request is queued behind this one
            }
            ScoreHistogram h;
            try {
                h = ScoreHistogram.compute(w, plan, decision, layer);
            } catch (RuntimeException e) {
                h = ScoreHistogram.empty(String.valueOf(e.getMessage()));
            }
            ScoreHistogram result = h;
            Platform.runLater(() -> {
                if (id == latest.get()) {
                    showHistogram(result);
                    scoring.set(false);
                }
            });
        });
    }

    private void showHistogram(ScoreHistogram h) {
        histogramToDraw = h;
        if (histogramShowing.get()) {
            drawHistogram();
        }
        shown.set(h);
    }

    private void drawHistogram() {
        ScoreHistogram h = histogramToDraw;
        histogramToDraw = null;
        histogram.setNotify(false); // one redraw for the dataset, title, theme and marker, not one per setter
        try {
            fillHistogram(h);
        } finally {
            histogram.setNotify(true);
        }
    }

    private void fillHistogram(ScoreHistogram h) {
        XYPlot plot = histogram.getXYPlot();
        plot.clearDomainMarkers();
        HistogramDataset data = new HistogramDataset();
        if (h.scores().length > 0) {
            int bins = Math.max(5, Math.min(60, (int) Math.ceil(Math.sqrt(h.scores().length))));
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : h.scores()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (max <= min) {
                max = min + 1e-6;
            }
            double[] removed = Double.isNaN(h.cutoff()) ? new double[0]
                    : java.util.Arrays.stream(h.scores()).filter(v -> v < h.cutoff()).toArray();
            double[] kept = Double.isNaN(h.cutoff()) ? h.scores()
                    : java.util.Arrays.stream(h.scores()).filter(v -> v >= h.cutoff()).toArray();
            data.addSeries("kept", kept, bins, min, max);
            data.addSeries("removed", removed, bins, min, max);
        }
        plot.setDataset(data);
        String title = h.message() != null ? h.message() : h.title();
        histogram.setTitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        ChartTheme.style(histogram, document.themeProperty().get());
        if (!Double.isNaN(h.cutoff())) {
            ValueMarker m = new ValueMarker(h.cutoff());
            m.setPaint(REMOVED);
            m.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{5f, 3f},
                    0f));
            m.setLabel("cut-off: " + h.removed() + " below");
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            m.setLabelPaint(REMOVED);
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(m);
        }
    }

    private void applyTheme(Theme theme) {
        ChartTheme.apply(bars, theme);
        ChartTheme.apply(histogram, theme);
    }

    /** Whether the score histogram is on screen (true unless told otherwise: the tabs bind it). */
    public javafx.beans.property.BooleanProperty histogramShowingProperty() {
        return histogramShowing;
    }

    /** Whether the kept-vs-removed bars are on screen (true unless told otherwise: the tabs bind it). */
    public javafx.beans.property.BooleanProperty barsShowingProperty() {
        return barsShowing;
    }

    /** True while the selected layer's scores are being computed. */
    public ReadOnlyBooleanProperty scoringProperty() {
        return scoring.getReadOnlyProperty();
    }

    /** The histogram on screen (for tests and the screenshot option). */
    public ReadOnlyObjectProperty<ScoreHistogram> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** The kept-vs-removed bars per layer with the MACs/Params toggle (the "Per-layer costs" tab). */
    public VBox costsView() {
        return costsView;
    }

    /** The histogram of the selected layer's scores (the "Score histogram" tab). */
    public VBox histogramView() {
        return histogramView;
    }

    public JFreeChart barsChart() {
        return bars;
    }
}
