package io.prunescope.ui.measure;

import io.prunescope.ui.Theme;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;

import java.awt.Color;
import java.awt.Font;

/**
 * Theme colours for JFreeChart charts, which CSS does not reach: background, plot, grid, axes, title and legend in
 * the main window's light or dark palette (the same colours as {@code light.css}/{@code dark.css}).
 */
public final class ChartStyle {

    private ChartStyle() {
    }

    /** Colours and the measure window's fonts. */
    public static void apply(JFreeChart c, Theme theme) {
        colours(c, theme);
        if (c.getTitle() != null) {
            c.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        }
        Plot p = c.getPlot();
        if (p instanceof XYPlot xp) {
            fonts(xp.getDomainAxis());
            fonts(xp.getRangeAxis());
        } else if (p instanceof CategoryPlot cp) {
            fonts(cp.getDomainAxis());
            fonts(cp.getRangeAxis());
        }
    }

    /** Only the colours (background, plot, grid, axes, title and legend), for charts that keep fonts of their own. */
    public static void colours(JFreeChart c, Theme theme) {
        boolean dark = theme == Theme.DARK;
        Color bg = dark ? new Color(0x1e2127) : Color.WHITE;
        Color plotBg = dark ? new Color(0x23262d) : new Color(0xfafbfc);
        Color text = dark ? new Color(0xe6e9ef) : new Color(0x1f2430);
        Color muted = dark ? new Color(0x9aa3b2) : new Color(0x667085);
        Color grid = dark ? new Color(0x363b45) : new Color(0xd9dde3);
        c.setBackgroundPaint(bg);
        Plot p = c.getPlot();
        p.setBackgroundPaint(plotBg);
        p.setOutlinePaint(grid);
        if (c.getTitle() != null) {
            c.getTitle().setPaint(text);
        }
        if (c.getLegend() != null) {
            c.getLegend().setBackgroundPaint(bg);
            c.getLegend().setItemPaint(text);
            c.getLegend().setFrame(BlockBorder.NONE);
        }
        if (p instanceof XYPlot xp) {
            xp.setDomainGridlinePaint(grid);
            xp.setRangeGridlinePaint(grid);
            axis(xp.getDomainAxis(), muted, grid);
            axis(xp.getRangeAxis(), muted, grid);
        } else if (p instanceof CategoryPlot cp) {
            cp.setRangeGridlinePaint(grid);
            axis(cp.getDomainAxis(), muted, grid);
            axis(cp.getRangeAxis(), muted, grid);
        }
    }

    private static void fonts(Axis a) {
        if (a != null) {
            a.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            a.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        }
    }

    private static void axis(Axis a, Color text, Color line) {
        if (a == null) {
            return;
        }
        a.setTickLabelPaint(text);
        a.setLabelPaint(text);
        a.setAxisLinePaint(line);
        a.setTickMarkPaint(line);
    }
}
