package io.prunescope.ui.preview;

import io.prunescope.ui.Theme;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;

import java.awt.Color;
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
        boolean dark = theme == Theme.DARK;
        Color bg = dark ? new Color(0x1e2127) : Color.WHITE;
        Color plotBg = dark ? new Color(0x23262d) : new Color(0xfafbfc);
        Color text = dark ? new Color(0xe6e9ef) : new Color(0x1f2430);
        Color muted = dark ? new Color(0x9aa3b2) : new Color(0x667085);
        Color grid = dark ? new Color(0x363b45) : new Color(0xd9dde3);
        chart.setBackgroundPaint(bg);
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(plotBg);
        plot.setOutlinePaint(grid);
        if (chart.getTitle() != null) {
            chart.getTitle().setPaint(text);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setBackgroundPaint(bg);
            chart.getLegend().setItemPaint(text);
            chart.getLegend().setFrame(BlockBorder.NONE);
        }
        if (plot instanceof CategoryPlot cp) {
            cp.setRangeGridlinePaint(grid);
            axis(cp.getDomainAxis(), muted, grid);
            axis(cp.getRangeAxis(), muted, grid);
        } else if (plot instanceof XYPlot xp) {
            xp.setRangeGridlinePaint(grid);
            xp.setDomainGridlinePaint(grid);
            axis(xp.getDomainAxis(), muted, grid);
            axis(xp.getRangeAxis(), muted, grid);
        }
    }

    private static void axis(Axis axis, Color text, Color line) {
        axis.setTickLabelPaint(text);
        axis.setLabelPaint(text);
        axis.setAxisLinePaint(line);
        axis.setTickMarkPaint(line);
        Font f = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        axis.setTickLabelFont(f);
        axis.setLabelFont(f);
        if (axis instanceof CategoryAxis ca) {
            ca.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        }
        if (axis instanceof ValueAxis va) {
            va.setTickLabelFont(f);
        }
    }
}
