package io.prunescope.ui.measure;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.labels.XYItemLabelGenerator;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;

/**
 * The plans' scatter plot: series 0 the measured kept plans (points, labelled with their names), series 1 the Pareto
 * front (a line through its points), metric in % against GFLOPs or latency in ms. Knows which row a clicked point is.
 */
final class PlanScatterChart {

    static final int PLANS = 0;
    static final int FRONT = 1;

    private final List<PlanComparisonViewModel.Row> plotted = new ArrayList<>();
    private final List<PlanComparisonViewModel.Row> front;
    private final JFreeChart chart;

    PlanScatterChart(List<PlanComparisonViewModel.Row> rows, List<PlanComparisonViewModel.Row> front,
                     PlanComparisonViewModel.Axis axis) {
        this.front = List.copyOf(front);
        XYSeries plans = new XYSeries("kept plans", false, true);
        for (PlanComparisonViewModel.Row r : rows) {
            if (!Double.isNaN(r.cost(axis)) && !Double.isNaN(r.metric())) {
                plotted.add(r);
                plans.add(r.cost(axis), 100 * r.metric());
            }
        }
        XYSeries line = new XYSeries("Pareto front", false, true);
        for (PlanComparisonViewModel.Row r : this.front) {
            line.add(r.cost(axis), 100 * r.metric());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(plans);
        data.addSeries(line);
        String x = axis == PlanComparisonViewModel.Axis.GFLOPS ? "GFLOPs of the pruned model"
                : "median latency of the pruned model, one input (ms)";
        String metric = rows.stream().filter(r -> r.measured() != null).findFirst()
                .map(r -> PlanMeasureViewModel.metricLabel(r.measured().metric())).orElse("metric");
        chart = ChartFactory.createScatterPlot("Kept plans: " + metric + " against cost", x, metric + " (%)", data,
                PlotOrientation.VERTICAL, true, true, false);
        XYPlot plot = chart.getXYPlot();
        plot.getRangeAxis().setAutoRange(true);
        ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((org.jfree.chart.axis.NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        // room for the point labels at the edges
        plot.getRangeAxis().setUpperMargin(0.12);
        plot.getDomainAxis().setLowerMargin(0.08);
        plot.getDomainAxis().setUpperMargin(0.08);
    }

    /** Series colours, point labels and the front's line; call after the theme's colours. */
    void styleSeries() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(PLANS, false);
        r.setSeriesShapesVisible(PLANS, true);
        r.setSeriesPaint(PLANS, new Color(0x3b82c4));
        r.setSeriesLinesVisible(FRONT, true);
        r.setSeriesShapesVisible(FRONT, false);
        r.setSeriesPaint(FRONT, new Color(0xd9480f));
        r.setSeriesStroke(FRONT, new BasicStroke(2f));
        XYItemLabelGenerator names = (dataset, series, item) -> series == PLANS ? plotted.get(item).name() : null;
        r.setSeriesItemLabelGenerator(PLANS, names);
        r.setSeriesItemLabelsVisible(PLANS, true);
        r.setSeriesItemLabelFont(PLANS, new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        r.setSeriesItemLabelPaint(PLANS, (Color) chart.getXYPlot().getDomainAxis().getTickLabelPaint());
        chart.getXYPlot().setRenderer(r);
    }

    JFreeChart chart() {
        return chart;
    }

    /** The measured rows in the order of series 0's points. */
    List<PlanComparisonViewModel.Row> plotted() {
        return List.copyOf(plotted);
    }

    /** The row a clicked chart entity stands for (a point of either series), or null. */
    PlanComparisonViewModel.Row rowAt(ChartEntity e) {
        if (e instanceof XYItemEntity item) {
            if (item.getSeriesIndex() == PLANS && item.getItem() < plotted.size()) {
                return plotted.get(item.getItem());
            }
            if (item.getSeriesIndex() == FRONT && item.getItem() < front.size()) {
                return front.get(item.getItem());
            }
        }
        return null;
    }
}
