package io.prunescope.report;

import io.prunescope.measure.CriteriaComparison;
import io.prunescope.prune.criteria.Criterion;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The criteria comparison as a JFreeChart: metric against GFLOPs, one line per criterion (solid: pruned as is;
 * dashed, same colour: after least-squares recovery), the unpruned model as the point every line starts from.
 * JFreeChart's core draws with Java2D, so the command line writes PNGs and the window shows the same chart.
 */
public final class CriteriaChart {

    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x7f7f7f), new Color(0x8c564b), new Color(0xe377c2)};

    private CriteriaChart() {
    }

    public static JFreeChart of(CriteriaComparison.Result r) {
        Map<Criterion, XYSeries> plain = new LinkedHashMap<>();
        Map<Criterion, XYSeries> recovered = new LinkedHashMap<>();
        for (CriteriaComparison.Point p : r.points()) {
            plain.computeIfAbsent(p.criterion(), c -> start(c.label(), r)).add(p.gflops(), p.metric());
            if (!Double.isNaN(p.recovered())) {
                recovered.computeIfAbsent(p.criterion(), c -> start(c.label() + " + LSQ recovery", r))
                        .add(p.gflops(), p.recovered());
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int i = 0;
        for (Map.Entry<Criterion, XYSeries> e : plain.entrySet()) {
            Color colour = COLOURS[i++ % COLOURS.length];
            renderer.setSeriesPaint(data.getSeriesCount(), colour);
            renderer.setSeriesStroke(data.getSeriesCount(), new BasicStroke(2f));
            data.addSeries(e.getValue());
            XYSeries rec = recovered.get(e.getKey());
            if (rec != null) {
                renderer.setSeriesPaint(data.getSeriesCount(), colour);
                renderer.setSeriesStroke(data.getSeriesCount(), new BasicStroke(2f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                data.addSeries(rec);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                r.model() + ": " + r.granularity().label() + " pruning on every layer, no training",
                "GFLOPs (2 × MACs)", r.metric(), data, PlotOrientation.VERTICAL, true, true, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        return chart;
    }

    /** The chart as a PNG of {@code width × height}. */
    public static byte[] png(CriteriaComparison.Result r, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, of(r), width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Every line starts at the unpruned model (all criteria agree at ratio 0). */
    private static XYSeries start(String name, CriteriaComparison.Result r) {
        XYSeries s = new XYSeries(name, false);
        s.add(r.baseGflops(), r.baseline());
        return s;
    }
}
