package io.prunescope.ui.inspector;

import io.prunescope.measure.SensitivityLookup;
import io.prunescope.measure.SensitivityResult;
import io.prunescope.ui.Theme;
import io.prunescope.ui.measure.ChartStyle;
import io.prunescope.ui.measure.PlanMeasureViewModel;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;

/**
 * The inspector's sensitivity chart, under the ratio slider: the selected layer's group curves (metric in % against
 * the group's pruned ratio in %, one line per criterion measured) with the layer's current ratio marked. Hidden
 * until a curve is known for the group. Drawn in code (JFreeChart), coloured for the theme.
 */
public final class SensitivityCurvePanel {

    private final SensitivityCurveViewModel vm;
    private final ObservableValue<Theme> theme;
    private final ChartViewer viewer = new ChartViewer();
    private final VBox root = new VBox(4);

    public SensitivityCurvePanel(SensitivityCurveViewModel vm, ObservableValue<Theme> theme) {
        this.vm = vm;
        this.theme = theme;
        Label title = new Label("SENSITIVITY");
        title.getStyleClass().add("section-title");
        Label summary = new Label();
        summary.setId("sensitivitySummary");
        summary.getStyleClass().add("note-text");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        viewer.setId("sensitivityCurve");
        viewer.setPrefHeight(190);
        viewer.setMinHeight(150);
        root.getChildren().addAll(title, viewer, summary);
        root.setId("sensitivityPanel");
        root.visibleProperty().bind(vm.availableProperty());
        root.managedProperty().bind(root.visibleProperty());
        vm.curvesProperty().addListener((obs, old, now) -> draw());
        vm.ratioProperty().addListener((obs, old, now) -> draw());
        theme.addListener((obs, old, now) -> draw());
        draw();
    }

    private void draw() {
        List<SensitivityLookup.LayerCurve> curves = vm.curvesProperty().get();
        XYSeriesCollection data = new XYSeriesCollection();
        String metric = curves.isEmpty() ? "metric"
                : PlanMeasureViewModel.metricLabel(curves.get(0).result().metric());
        for (SensitivityLookup.LayerCurve c : curves) {
            String name = c.result().criterion();
            if (data.getSeriesIndex(name) >= 0) { // the same criterion on other data: keep both, apart
                name = name + " (" + (data.getSeriesCount() + 1) + ")";
            }
            data.addSeries(series(c, name));
        }
        JFreeChart chart = ChartFactory.createXYLineChart(null, "pruned ratio of the group (%)", metric + " (%)", data,
                PlotOrientation.VERTICAL, curves.size() > 1, true, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        plot.setRenderer(renderer);
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setRange(0, 100);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRangeIncludesZero(false);
        ChartStyle.apply(chart, theme.getValue());
        ValueMarker now = new ValueMarker(100 * vm.ratioProperty().get());
        now.setPaint(new Color(0xd9480f));
        now.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[]{4, 3}, 0));
        now.setLabel(String.format(java.util.Locale.ROOT, "%.0f %%", 100 * vm.ratioProperty().get()));
        now.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        now.setLabelPaint(new Color(0xd9480f));
        now.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        now.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        now.setLabelBackgroundColor(new Color(0, 0, 0, 0));
        plot.addDomainMarker(now);
        viewer.setChart(chart);
    }

    /** One curve in % on both axes, starting at the unpruned model (0 %, baseline). */
    private static XYSeries series(SensitivityLookup.LayerCurve c, String name) {
        SensitivityResult r = c.result();
        XYSeries s = new XYSeries(name);
        s.add(0, 100 * r.baseline());
        for (int i = 0; i < r.ratios().length; i++) {
            s.add(100 * r.ratios()[i], 100 * c.group().values()[i]);
        }
        return s;
    }

    public VBox node() {
        return root;
    }

    /** The chart shown, for tests. */
    public JFreeChart chart() {
        return viewer.getChart();
    }
}
