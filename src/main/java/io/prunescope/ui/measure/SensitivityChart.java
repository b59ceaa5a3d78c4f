package io.prunescope.ui.measure;

import io.prunescope.measure.SensitivityResult;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The sensitivity curves as a JFreeChart line chart: one series per group, the group's pruned ratio (0–100 %) →
 * the metric in %.
 */
public final class SensitivityChart {

    private SensitivityChart() {
    }

    public static JFreeChart empty() {
        JFreeChart chart = ChartFactory.createXYLineChart("Sensitivity", "pruned ratio of the group (%)",
                "metric (%)", new XYSeriesCollection(), PlotOrientation.VERTICAL, true, true, false);
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setRange(0, 100);
        return chart;
    }

    public static JFreeChart of(SensitivityResult r) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (SensitivityResult.GroupCurve g : r.groups()) {
            XYSeries s = new XYSeries("group " + g.groupId() + " · " + shortName(g.layer()) + " (" + g.units() + ")");
            s.add(0, 100 * r.baseline());
            for (int i = 0; i < r.ratios().length; i++) {
                s.add(100 * r.ratios()[i], 100 * g.values()[i]);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Sensitivity (" + r.criterion() + ")",
                "pruned ratio of the group (%)", PlanMeasureViewModel.metricLabel(r.metric()) + " (%)", data,
                PlotOrientation.VERTICAL, true, true, false);
        XYPlot plot = chart.getXYPlot();
        plot.getRangeAxis().setAutoRange(true);
        ((NumberAxis) plot.getDomainAxis()).setRange(0, 100);
        return chart;
    }

    static String shortName(String layer) {
        String s = layer.startsWith("/") ? layer.substring(1) : layer;
        return s.length() > 32 ? "…" + s.substring(s.length() - 31) : s;
    }
}
