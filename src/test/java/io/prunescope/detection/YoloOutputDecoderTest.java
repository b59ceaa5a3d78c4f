package io.prunescope.detection;

import io.prunescope.runtime.FloatTensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class YoloOutputDecoderTest {

    private static final float LN3 = (float) Math.log(3); // σ(ln 3) = 0.75

    private static Map<String, long[]> shapes(Map<String, FloatTensor> out) {
        Map<String, long[]> s = new LinkedHashMap<>();
        out.forEach((k, v) -> s.put(k, v.shape()));
        return s;
    }

    @Test
    void decodedTensorIsUsedAsItIs() {
        FloatTensor t = FloatTensor.of(new long[] {1, 2, 7}, new float[14]);
        YoloOutputDecoder d = new YoloOutputDecoder();
        Map<String, FloatTensor> out = Map.of("output0", t);
        assertThat(d.form(shapes(out))).isEqualTo(YoloOutputDecoder.Form.DECODED);
        assertThat(d.numClasses(shapes(out))).isEqualTo(2);
        assertThat(d.decode(out, 320, 320)).isSameAs(t);
    }

    /**
     * One level, one anchor (10, 13), 2×2 grid on a 16-pixel input (stride 8), one class: logits 0 give σ = 0.5,
     * so xy = (2·0.5 − 0.5 + grid)·8 = (0.5 + grid)·8 and wh = (2·0.5)²·anchor = anchor. Cell (x 1, y 1) has
     * tx = ln 3 (σ 0.75 → cx = (1.5 − 0.5 + 1)·8 = 16) and tw = ln 3 (w = 1.5²·10 = 22.5).
     * Rows run y-major: (0,0) (1,0) (0,1) (1,1).
     */
    @Test
    void rawHeadDecodesBySigmoidGridAndAnchor() {
        int no = 6;
        float[] raw = new float[no * 2 * 2]; // [1, 1·6, 2, 2]
        raw[(0 * 2 + 1) * 2 + 1] = LN3;      // channel 0 (tx), y 1, x 1
        raw[(2 * 2 + 1) * 2 + 1] = LN3;      // channel 2 (tw)
        Map<String, FloatTensor> out = Map.of("p3", FloatTensor.of(new long[] {1, no, 2, 2}, raw));
        YoloOutputDecoder d = new YoloOutputDecoder(new float[][] {{10, 13}});
        assertThat(d.form(shapes(out))).isEqualTo(YoloOutputDecoder.Form.RAW_HEADS);
        FloatTensor rows = d.decode(out, 16, 16);
        assertThat(rows.shape()).containsExactly(1, 4, 6);
        assertThat(rows.get(0, 0, 0)).isEqualTo(4f);   // (0.5 + 0)·8
        assertThat(rows.get(0, 1, 0)).isEqualTo(12f);  // x = 1
        assertThat(rows.get(0, 2, 1)).isEqualTo(12f);  // y = 1
        assertThat(rows.get(0, 3, 0)).isCloseTo(16f, within(1e-5f));
        assertThat(rows.get(0, 3, 1)).isEqualTo(12f);
        assertThat(rows.get(0, 3, 2)).isCloseTo(22.5f, within(1e-4f));
        assertThat(rows.get(0, 3, 3)).isEqualTo(13f);
        assertThat(rows.get(0, 0, 4)).isEqualTo(0.5f);
        assertThat(rows.get(0, 0, 5)).isEqualTo(0.5f);
    }

    /** The channels-last form [B, na, H, W, 5+C] decodes to the same rows. */
    @Test
    void channelsLastHeadsToo() {
        int no = 6;
        float[] raw = new float[2 * 2 * no];
        raw[(1 * 2 + 1) * no] = LN3;
        FloatTensor rows = new YoloOutputDecoder(new float[][] {{10, 13}})
                .decode(Map.of("p3", FloatTensor.of(new long[] {1, 1, 2, 2, no}, raw)), 16, 16);
        assertThat(rows.get(0, 3, 0)).isCloseTo(16f, within(1e-5f));
    }

    /** Levels are ordered finest first whatever the output order, and get their anchors in that order. */
    @Test
    void levelsAreSortedFinestFirst() {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        out.put("coarse", FloatTensor.of(new long[] {1, 6, 1, 1}, new float[6]));
        out.put("fine", FloatTensor.of(new long[] {1, 6, 2, 2}, new float[24]));
        FloatTensor rows = new YoloOutputDecoder(new float[][] {{10, 13}, {100, 130}}).decode(out, 16, 16);
        assertThat(rows.shape()).containsExactly(1, 5, 6);
        assertThat(rows.get(0, 0, 2)).isEqualTo(10f);   // fine level, small anchor, stride 8
        assertThat(rows.get(0, 4, 2)).isEqualTo(100f);  // coarse level, stride 16
        assertThat(rows.get(0, 4, 0)).isEqualTo(8f);    // (0.5 + 0)·16
    }

    @Test
    void unknownOutputsAreRefusedWithTheExpectedForms() {
        YoloOutputDecoder d = new YoloOutputDecoder();
        assertThatThrownBy(() -> d.form(Map.of("logits", new long[] {1, 1000})))
                .isInstanceOf(DetectionException.class)
                .hasMessage("The model's outputs (logits [1, 1000]) are not YOLOv5's: expected either the decoded"
                        + " tensor [batch, N, 5+classes] or one raw head [batch, anchors·(5+classes), H, W] per level.");
        Map<String, long[]> two = new LinkedHashMap<>();
        two.put("a", new long[] {1, 21, 8, 8});
        two.put("b", new long[] {1, 21, 4, 4});
        assertThatThrownBy(() -> d.form(two)).isInstanceOf(DetectionException.class)
                .hasMessageContaining("2 raw detection head(s)").hasMessageContaining("3 anchor set(s)");
        assertThatThrownBy(() -> new YoloOutputDecoder(new float[][] {{10}})).hasMessageContaining("pairs");
        assertThatThrownBy(() -> new YoloOutputDecoder(new float[][] {{10, 13}}).form(Map.of("p", new long[] {1, 5, 2, 2})))
                .isInstanceOf(DetectionException.class).hasMessageContaining("not 1 anchors × (5 + classes)");
    }
}
