package io.prunescope.ui.heatmap;

import io.prunescope.prune.criteria.WeightView;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Norm maps and their rendering without JavaFX: values, marks, pixel layout, and the time a big layer takes. */
class HeatmapRendererTest {

    @Test
    void kernelAndStripeNormsAreL2OverTheRightAxes() {
        // W[2][2][1][2]: filter 0 = [[1,2],[3,4]] (channel-major), filter 1 = zeros except W[1][1][0][1] = 5
        float[] w = {1, 2, 3, 4, 0, 0, 0, 5};
        WeightView v = WeightView.of(w, 2, 2, 1, 2);
        HeatmapData.Matrix k = HeatmapData.kernelNorms(v, new BitSet(), new BitSet(), new BitSet());
        assertThat(k.rows()).isEqualTo(2);
        assertThat(k.cols()).isEqualTo(2);
        assertThat(k.value(0, 0)).isCloseTo((float) Math.sqrt(5), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(k.value(0, 1)).isCloseTo(5f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(k.value(1, 0)).isZero();
        HeatmapData.Matrix s = HeatmapData.stripeNorms(v, new BitSet(), new BitSet());
        assertThat(s.cols()).isEqualTo(2);
        assertThat(s.value(0, 0)).isCloseTo((float) Math.sqrt(10), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(s.value(0, 1)).isCloseTo((float) Math.sqrt(20), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(s.value(1, 1)).isCloseTo(5f, org.assertj.core.data.Offset.offset(1e-6f));
        // fine zeros covering the whole kernel (1, 0) and the stripe (1, position 0) mark them
        BitSet zeros = new BitSet();
        zeros.set(4, 7);
        assertThat(HeatmapData.kernelNorms(v, zeros, new BitSet(), new BitSet()).marked(1, 0)).isTrue();
        assertThat(HeatmapData.kernelNorms(v, zeros, new BitSet(), new BitSet()).marked(1, 1)).isFalse();
        assertThat(HeatmapData.stripeNorms(v, zeros, new BitSet()).marked(1, 0)).isTrue();
        assertThat(HeatmapData.stripeNorms(v, zeros, new BitSet()).marked(1, 1)).isFalse();
    }

    @Test
    void mapPixelsFollowTheValuesAndMarkPrunedRowsAndColumns() {
        float[] values = new float[4 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        BitSet rows = new BitSet();
        rows.set(2);
        BitSet cols = new BitSet();
        cols.set(0);
        HeatmapData.Matrix m = new HeatmapData.Matrix("t", "filter", "channel", 4, 3, values, new BitSet(), rows,
                cols, 0, 11);
        HeatmapRenderer.Raster r = HeatmapRenderer.map(m, 200, 200);
        assertThat(r.cellWidth()).isEqualTo(HeatmapRenderer.MAX_CELL);
        assertThat(r.width()).isEqualTo(HeatmapRenderer.GUTTER + 3 * r.cellWidth());
        assertThat(r.height()).isEqualTo(HeatmapRenderer.GUTTER + 4 * r.cellHeight());
        int cx = HeatmapRenderer.GUTTER + r.cellWidth() + r.cellWidth() / 2 + 1;
        int cy = HeatmapRenderer.GUTTER + r.cellHeight() / 2;
        assertThat(r.pixel(cx, cy)).isEqualTo(ColorScale.argb(1, 0, 11)); // cell (0, 1), kept
        assertThat(r.rowAt(cy)).isZero();
        assertThat(r.colAt(cx)).isEqualTo(1);
        // row 2 is pruned: a red mark in the left gutter, its cells dimmed or hatched
        int y2 = HeatmapRenderer.GUTTER + 2 * r.cellHeight() + 3;
        assertThat(r.pixel(0, y2)).isEqualTo(ColorScale.PRUNED_MARK);
        assertThat(r.pixel(0, cy)).isZero();
        int px = r.pixel(HeatmapRenderer.GUTTER + r.cellWidth() + 1, y2);
        assertThat(px).isIn(ColorScale.dim(ColorScale.argb(7, 0, 11)), ColorScale.PRUNED_MARK);
        // column 0 is pruned: a red mark in the top gutter
        assertThat(r.pixel(HeatmapRenderer.GUTTER + 2, 0)).isEqualTo(ColorScale.PRUNED_MARK);
        assertThat(r.pixel(HeatmapRenderer.GUTTER + r.cellWidth() + 2, 0)).isZero();
    }

    @Test
    void barsRiseWithTheScoreAndSortedOrderIsAscending() {
        float[] s = {3, 1, 2, 0};
        int[] order = HeatmapRenderer.sortedOrder(s);
        assertThat(order).containsExactly(3, 1, 2, 0);
        BitSet pruned = new BitSet();
        pruned.set(3);
        HeatmapRenderer.Raster r = HeatmapRenderer.bars(s, HeatmapRenderer.filterOrder(4), pruned, 0, 3, 100, 34);
        int[] heights = new int[4];
        for (int i = 0; i < 4; i++) {
            int x = i * r.cellWidth() + 1;
            for (int y = 0; y < 30; y++) {
                if (r.pixel(x, y) != 0) {
                    heights[i]++;
                }
            }
        }
        assertThat(heights[0]).isGreaterThan(heights[2]);
        assertThat(heights[2]).isGreaterThan(heights[1]);
        assertThat(heights[1]).isGreaterThan(heights[3]);
        assertThat(r.pixel(3 * r.cellWidth() + 1, 33)).isEqualTo(ColorScale.PRUNED_MARK); // tick under unit 3
        assertThat(r.pixel(1, 33)).isZero();
    }

    @Test
    void aBigLayerRendersQuickly() {
        int o = 2048;
        int c = 512;
        float[] w = new float[o * c * 9];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        WeightView v = WeightView.of(w, o, c, 3, 3);
        BitSet rows = new BitSet();
        rows.set(0, o, true);
        rows.clear(0, o / 2);
        long t0 = System.nanoTime();
        HeatmapData.Matrix k = HeatmapData.kernelNorms(v, new BitSet(), rows, new BitSet());
        long t1 = System.nanoTime();
        HeatmapData.Matrix s = HeatmapData.stripeNorms(v, new BitSet(), rows);
        long t2 = System.nanoTime();
        HeatmapRenderer.Raster r = HeatmapRenderer.map(k, 340, 300);
        long t3 = System.nanoTime();
        HeatmapRenderer.map(s, 340, 300);
        long t4 = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            HeatmapRenderer.map(k, 340, 300); // warm
        }
        long t5 = System.nanoTime();
        HeatmapRenderer.map(k, 340, 300);
        long t6 = System.nanoTime();
        System.out.printf("2048×512×3×3 layer: kernel norms %.1f ms, stripe norms %.1f ms, kernel map render"
                        + " (%d×%d px) %.1f ms cold / %.1f ms warm, stripe map render %.1f ms%n", (t1 - t0) / 1e6,
                (t2 - t1) / 1e6, r.width(), r.height(), (t3 - t2) / 1e6, (t6 - t5) / 1e6, (t4 - t3) / 1e6);
        assertThat(k.rows()).isEqualTo(o);
        assertThat(k.cols()).isEqualTo(c);
        assertThat(r.width()).isEqualTo(HeatmapRenderer.GUTTER + c);
        assertThat(r.height()).isEqualTo(HeatmapRenderer.GUTTER + o);
    }
}
