package io.prunescope.ui.learn;

import io.prunescope.learn.GalleryEntry;
import io.prunescope.learn.TensorSlice;
import io.prunescope.prune.criteria.WeightView;
import javafx.scene.paint.Color;

/**
 * One granularity of the gallery drawn as the textbooks draw a conv weight: one row per filter of the slice, each a
 * run of its input-channel kernels (kh × kw cells coloured by the weight), the elements the granularity removes
 * greyed and every fully removed kernel crossed out. When the decision cuts another layer (a removed filter's
 * reader, a removed channel's producer, the next layer of a removed neuron), that layer's weight matrix is drawn on
 * the right with its lost columns or rows greyed.
 */
final class GalleryPicture implements LearnPicture {

    private final GalleryEntry entry;
    private final WeightView view;
    private final TensorSlice slice;

    GalleryPicture(GalleryEntry entry, WeightView view, TensorSlice slice) {
        this.entry = entry;
        this.view = view;
        this.slice = slice.clampTo(view.outChannels(), view.inChannels());
    }

    private double header(LearnStyle s) {
        return s.fontSize() * 2.2;
    }

    private double cell(double width, LearnStyle s) {
        double tensorWidth = width - neighbourWidth(s) - label(s) - 8;
        double perBlock = view.kernelWidth() + 0.6;
        return Math.max(2, Math.min(s.fontSize() * 1.6, tensorWidth / (slice.channels() * perBlock)));
    }

    private double label(LearnStyle s) {
        return s.fontSize() * 3.2;
    }

    /** The width at which the cells reach their largest size: wider only adds margin. */
    double naturalWidth(LearnStyle s) {
        double tensor = label(s) + 8 + slice.channels() * (view.kernelWidth() + 0.6) * s.fontSize() * 1.6;
        double title = title().length() * s.fontSize() * 0.62 + 8;
        return Math.max(tensor + neighbourWidth(s), title);
    }

    /** Room on the right for the cut neighbour's matrix and its two-line label; none without a neighbour. */
    private double neighbourWidth(LearnStyle s) {
        if (entry.neighbours().isEmpty()) {
            return 0;
        }
        GalleryEntry.NeighbourCut n = entry.neighbours().get(0);
        return Math.max(s.fontSize() * 12, n.layer().length() * s.fontSize() * 0.5) + 16;
    }

    private String title() {
        return entry.granularity().label() + (entry.available()
                ? "  —  removes " + entry.removedUnits() + " of " + entry.totalUnits()
                + (entry.granularity() == io.prunescope.prune.criteria.Granularity.LAYER ? " residual blocks" : " units")
                : "  —  not on this layer");
    }

    @Override
    public double preferredHeight(double width, LearnStyle s) {
        double c = cell(width, s);
        return header(s) + slice.filters() * (view.kernelHeight() * c + c * 0.6) + 8;
    }

    @Override
    public void paint(Sketch g, double width, double height, LearnStyle s) {
        g.text(4, s.fontSize() * 1.3, title(), s.ink(), s.fontSize() * 1.1, true);
        double c = Math.min(cell(width, s), (height - header(s) - 8)
                / (slice.filters() * (view.kernelHeight() + 0.6)));
        double maxAbs = maxAbs();
        int kh = view.kernelHeight();
        int kw = view.kernelWidth();
        double top = header(s);
        double left = label(s);
        for (int fi = 0; fi < slice.filters(); fi++) {
            int o = slice.filterFrom() + fi;
            double y = top + fi * (kh * c + c * 0.6);
            g.text(2, y + kh * c * 0.5 + s.fontSize() * 0.35, "F" + o, s.ink(), s.fontSize() * 0.85, false);
            for (int ci = 0; ci < slice.channels(); ci++) {
                int ch = slice.channelFrom() + ci;
                double x = left + ci * (kw * c + c * 0.6);
                boolean allGone = entry.available();
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int e = view.index(o, ch, i, j);
                        boolean gone = entry.available() && entry.removed()[e];
                        allGone &= gone;
                        Color fill = gone ? s.removed() : s.weight(view.data()[e], maxAbs);
                        g.fillRect(x + j * c, y + i * c, c, c, fill);
                    }
                }
                g.strokeRect(x, y, kw * c, kh * c, s.grid(), s.lineWidth() * 0.6);
                if (allGone) {
                    g.line(x, y, x + kw * c, y + kh * c, s.ink(), s.lineWidth());
                    g.line(x + kw * c, y, x, y + kh * c, s.ink(), s.lineWidth());
                }
            }
        }
        if (!entry.neighbours().isEmpty()) {
            double nw = neighbourWidth(s);
            paintNeighbour(g, width - nw + 8, top, nw - 12, height - top - 4, s);
        }
    }

    /** The first cut layer as a matrix: rows = its outputs, columns = its inputs, cut ones greyed. */
    private void paintNeighbour(Sketch g, double x, double y, double w, double h, LearnStyle s) {
        GalleryEntry.NeighbourCut n = entry.neighbours().get(0);
        boolean columns = n.removedInputs().length > 0;
        String what = columns ? "loses " + n.removedInputs().length + " input channels"
                : "loses " + n.removedOutputs().length + " filters";
        g.text(x, y + s.fontSize() * 0.8, n.layer(), s.ink(), s.fontSize() * 0.8, true);
        g.text(x, y + s.fontSize() * 1.8, what, s.ink(), s.fontSize() * 0.8, false);
        y += s.fontSize() * 2.4;
        h -= s.fontSize() * 2.4;
        // Show the rows/columns that match this slice: a reader's columns are our filters, a producer's rows our channels.
        int colFrom = columns ? Math.min(slice.filterFrom(), n.inputs() - 1) : 0;
        int rowFrom = columns ? 0 : Math.min(slice.channelFrom(), n.outputs() - 1);
        int cols = Math.min(columns ? slice.filters() : 12, n.inputs() - colFrom);
        int rows = Math.min(columns ? 12 : slice.channels(), n.outputs() - rowFrom);
        double c = Math.max(2, Math.min(s.fontSize() * 1.3, Math.min(w / Math.max(1, cols), (h - 4) / Math.max(1, rows))));
        java.util.Set<Integer> lostCols = toSet(n.removedInputs());
        java.util.Set<Integer> lostRows = toSet(n.removedOutputs());
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                boolean gone = lostRows.contains(rowFrom + r) || lostCols.contains(colFrom + k);
                g.fillRect(x + k * c, y + r * c, c, c, gone ? s.removed() : s.background());
                g.strokeRect(x + k * c, y + r * c, c, c, s.grid(), s.lineWidth() * 0.5);
            }
        }
        for (int k = 0; k < cols; k++) {
            if (lostCols.contains(colFrom + k)) {
                g.line(x + (k + 0.5) * c, y, x + (k + 0.5) * c, y + rows * c, s.ink(), s.lineWidth());
            }
        }
        for (int r = 0; r < rows; r++) {
            if (lostRows.contains(rowFrom + r)) {
                g.line(x, y + (r + 0.5) * c, x + cols * c, y + (r + 0.5) * c, s.ink(), s.lineWidth());
            }
        }
    }

    private static java.util.Set<Integer> toSet(int[] values) {
        java.util.Set<Integer> set = new java.util.HashSet<>();
        for (int v : values) {
            set.add(v);
        }
        return set;
    }

    private double maxAbs() {
        double m = 0;
        for (int fi = 0; fi < slice.filters(); fi++) {
            for (int ci = 0; ci < slice.channels(); ci++) {
                for (int i = 0; i < view.kernelHeight(); i++) {
                    for (int j = 0; j < view.kernelWidth(); j++) {
                        m = Math.max(m, Math.abs(view.data()[view.index(slice.filterFrom() + fi,
                                slice.channelFrom() + ci, i, j)]));
                    }
                }
            }
        }
        return m;
    }
}
