package io.prunescope.ui.heatmap;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/**
 * Builds the blocks the heatmap panel lays side by side: the score block (one row of bars per criterion, with its
 * min … max), a map block (heading, image, legend), colour legends and raster images. It is separate from
 * {@link HeatmapPanel} because it is pure drawing: it makes nodes from data and holds no state, while the panel
 * keeps what changes (the shown layer, the sort order, the fitted sizes, the hover line).
 */
final class HeatmapBlocks {

    private HeatmapBlocks() {
    }

    /**
     * The "Filter scores" block: a row per criterion, the bars from {@code barsFor} (or why the row is unavailable)
     * and the row's value range, above a legend without numbers (each row has its own range).
     */
    static VBox scores(HeatmapData d, Function<HeatmapData.ScoreRow, Node> barsFor) {
        VBox scores = new VBox(6, section((d.dense() ? "Neuron" : "Filter") + " scores  (lower = pruned first)"));
        scores.getStyleClass().add("heatmap-block");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        int row = 0;
        for (HeatmapData.ScoreRow s : d.scores()) {
            Label name = new Label(HeatmapText.shortName(s.criterion()));
            name.getStyleClass().add("heatmap-row-label");
            name.setTooltip(new Tooltip(s.criterion().label()));
            grid.add(name, 0, row);
            if (s.values() == null) {
                Label why = new Label("unavailable: " + s.unavailable());
                why.getStyleClass().add("heatmap-note");
                grid.add(why, 1, row, 2, 1);
            } else {
                grid.add(barsFor.apply(s), 1, row);
                Label range = new Label(HeatmapText.format(s.min()) + " … " + HeatmapText.format(s.max()));
                range.getStyleClass().add("heatmap-legend-value");
                range.setTooltip(new Tooltip("min … max of " + s.criterion().label()));
                grid.add(range, 2, row);
            }
            row++;
        }
        HBox scale = legend(Double.NaN, Double.NaN);
        scores.getChildren().addAll(grid, scale);
        return scores;
    }

    /** A map's block: a two-line heading, the map's image and its legend with the map's min and max. */
    static VBox map(HeatmapData.Matrix m, ImageView image, double maxWidth) {
        // two short lines as wide as the map (not wider), so narrow maps leave room for the next block
        Label heading = section(m.title() + "\n" + m.rows() + " " + m.rowName() + "s × " + m.cols() + " "
                + m.colName() + "s");
        heading.setMaxWidth(Math.min(maxWidth, Math.max(210, image.getFitWidth())));
        VBox block = new VBox(4, heading, image, legend(m.min(), m.max()));
        block.getStyleClass().add("heatmap-block");
        return block;
    }

    static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("heatmap-section-title");
        l.setWrapText(true);
        return l;
    }

    /** The colour scale between its min and max; NaN bounds label it "low … high" instead. */
    static HBox legend(double min, double max) {
        boolean unlabelled = Double.isNaN(min);
        Label lo = new Label(unlabelled ? "low" : HeatmapText.format(min));
        Label hi = new Label(unlabelled ? "high (each row its own range)" : HeatmapText.format(max));
        lo.getStyleClass().add("heatmap-legend-value");
        hi.getStyleClass().add("heatmap-legend-value");
        HBox box = new HBox(4, lo, new ImageView(LegendImage.IMAGE), hi);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("heatmap-legend");
        return box;
    }

    /** The colour scale's image, the same for every legend: filled once, shown by many views. */
    private static final class LegendImage {
        static final WritableImage IMAGE = image(new HeatmapRenderer.Raster(120, 10, HeatmapRenderer.legend(120, 10),
                1, 10, 0, 0, 1, 120));
    }

    /**
     * A raster as an image: one {@code setPixels} call, not one node per cell. Any thread: an image that is not
     * shown yet may be written off the FX thread (the heatmap worker fills the maps' images).
     */
    static WritableImage image(HeatmapRenderer.Raster r) {
        WritableImage img = new WritableImage(r.width(), r.height());
        img.getPixelWriter().setPixels(0, 0, r.width(), r.height(), PixelFormat.getIntArgbInstance(), r.argb(), 0,
                r.width());
        return img;
    }
}
