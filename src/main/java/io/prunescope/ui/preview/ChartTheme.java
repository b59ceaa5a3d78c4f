package io.prunescope.ui.preview;

import io.prunescope.ui.Theme;
import io.prunescope.ui.measure.ChartStyle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;

import java.awt.Font;

/**
 * The light and dark colours of the JFreeChart charts. {@link #apply} styles a chart with one redraw: JFreeChart
 * redraws the whole chart after every setter otherwise (a dozen redraws of a 3,000-bar chart on the FX thread).
 */
final class ChartTheme {

    private ChartTheme() {
    }

    /** Styles {@code chart} and redraws it once. */
    static void apply(JFreeChart chart, Theme theme) {
        chart.setNotify(false);
        try {
            style(chart, theme);
        } finally {
            chart.setNotify(true);
        }
    }

    /** Styles {@code chart} without redrawing it (for a caller that has switched its notifications off). */
    static void style(JFreeChart chart, Theme theme) {
        ChartStyle.colours(chart, theme);
        Plot plot = chart.getPlot();
        if (plot instanceof CategoryPlot cp) {
            fonts(cp.getDomainAxis());
            fonts(cp.getRangeAxis());
        } else if (plot instanceof XYPlot xp) {
            fonts(xp.getDomainAxis());
            fonts(xp.getRangeAxis());
        }
    }

    /** The preview's smaller axis fonts (its charts share the bottom pane with the heatmaps). */
    private static void fonts(Axis axis) {
        Font f = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        axis.setTickLabelFont(f);
        axis.setLabelFont(f);
        if (axis instanceof CategoryAxis ca) {
            ca.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        }
    }
}
