package io.prunescope.detection;

import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.Pixels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LetterboxTest {

    private static final float PAD = 114f / 255f;

    /** An RGB image whose pixel (x, y) is (x mod 256, y mod 256, 7). */
    private static Pixels ramp(int w, int h) {
        float[] v = new float[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                v[i] = x % 256;
                v[i + 1] = y % 256;
                v[i + 2] = 7;
            }
        }
        return new Pixels(w, h, 3, v);
    }

    private static float at(FloatTensor t, int c, int y, int x) {
        return t.get(0, c, y, x);
    }

    @Test
    void imageOfTheInputSizePassesThroughExactly() {
        Pixels img = ramp(320, 320);
        Letterbox.Letterboxed lb = new Letterbox(320).apply(img);
        assertThat(lb.ratio()).isEqualTo(1.0);
        assertThat(lb.left()).isZero();
        assertThat(lb.top()).isZero();
        float[] d = lb.input().data();
        int plane = 320 * 320;
        for (int y = 0; y < 320; y++) {
            for (int x = 0; x < 320; x++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(d[c * plane + y * 320 + x]).isEqualTo(img.at(x, y, c) / 255f);
                }
            }
        }
    }

    /**
     * 200×100 into 320: r = min(320/100, 320/200) = 1.6, resized to 320×160, dh = (320 − 160)/2 = 80, top =
     * round(79.9) = 80: rows 0–79 and 240–319 are grey 114, rows 80–239 the image.
     */
    @Test
    void wideImageIsPaddedAboveAndBelow() {
        Letterbox.Letterboxed lb = new Letterbox(320).apply(ramp(200, 100));
        assertThat(lb.ratio()).isEqualTo(1.6);
        assertThat(lb.padX()).isEqualTo(0.0);
        assertThat(lb.padY()).isEqualTo(80.0);
        assertThat(lb.left()).isZero();
        assertThat(lb.top()).isEqualTo(80);
        assertThat(lb.input().shape()).containsExactly(1, 3, 320, 320);
        for (int c = 0; c < 3; c++) {
            assertThat(at(lb.input(), c, 0, 5)).isEqualTo(PAD);
            assertThat(at(lb.input(), c, 79, 300)).isEqualTo(PAD);
            assertThat(at(lb.input(), c, 240, 17)).isEqualTo(PAD);
            assertThat(at(lb.input(), c, 319, 319)).isEqualTo(PAD);
        }
        assertThat(at(lb.input(), 2, 80, 0)).isEqualTo(7f / 255f); // blue is 7 everywhere in the image
        assertThat(at(lb.input(), 2, 239, 319)).isEqualTo(7f / 255f);
        // green = source row: output row 80 + k samples source y = (k + 0.5)/1.6 − 0.5, clamped at 0 for k = 0
        assertThat(at(lb.input(), 1, 80, 100)).isEqualTo(0f);
        assertThat(at(lb.input(), 1, 239, 100) * 255f).isCloseTo(99f, within(1e-4f));
    }

    /**
     * Boxes go back by (x − dw)/r, (y − dh)/r and are clipped: (32, 96)–(160, 176) → (20, 10)–(100, 60); a box
     * reaching outside → clipped to the 200×100 image.
     */
    @Test
    void boxesMapBackToTheOriginal() {
        Letterbox.Letterboxed lb = new Letterbox(320).apply(ramp(200, 100));
        assertThat(lb.toOriginal(new Box(32, 96, 160, 176))).isEqualTo(new Box(20, 10, 100, 60));
        assertThat(lb.toOriginal(new Box(-10, 70, 400, 300))).isEqualTo(new Box(0, 0, 200, 100));
    }

    /**
     * Odd padding: 64×61 in 64 needs no resize, dh = 1.5: top = round(1.4) = 1, bottom = round(1.6) = 2. Boxes map
     * back with the unrounded dh.
     */
    @Test
    void oddPaddingPutsTheExtraRowBelow() {
        Pixels img = ramp(64, 61);
        Letterbox.Letterboxed lb = new Letterbox(64).apply(img);
        assertThat(lb.top()).isEqualTo(1);
        assertThat(at(lb.input(), 0, 0, 10)).isEqualTo(PAD);
        assertThat(at(lb.input(), 1, 1, 10)).isEqualTo(0f);
        assertThat(at(lb.input(), 1, 61, 10)).isEqualTo(60f / 255f);
        assertThat(at(lb.input(), 1, 62, 10)).isEqualTo(PAD);
        assertThat(at(lb.input(), 1, 63, 10)).isEqualTo(PAD);
        assertThat(lb.toOriginal(new Box(0, 1.5, 10, 11.5))).isEqualTo(new Box(0, 0, 10, 10));
    }

    /**
     * 4×2 into 2: r = 0.5, resized to 2×1 by half-pixel bilinear — each output pixel is the mean of a 2×2 block —
     * rounded to whole levels as OpenCV's 8-bit result is; dh = 0.5, so top = round(0.4) = 0 and the pad row is below.
     */
    @Test
    void downscaleAveragesAndRounds() {
        float[] v = new float[4 * 2 * 3];
        float[] red = {10, 20, 30, 40, 50, 61, 70, 80};
        for (int i = 0; i < 8; i++) {
            v[3 * i] = red[i];
        }
        Letterbox.Letterboxed lb = new Letterbox(2).apply(new Pixels(4, 2, 3, v));
        assertThat(lb.top()).isZero();
        assertThat(at(lb.input(), 0, 0, 0)).isEqualTo(35f / 255f); // (10 + 20 + 50 + 61) / 4 = 35.25
        assertThat(at(lb.input(), 0, 0, 1)).isEqualTo(55f / 255f); // (30 + 40 + 70 + 80) / 4
        assertThat(at(lb.input(), 0, 1, 0)).isEqualTo(PAD);
    }

    @Test
    void grayImagesBecomeThreeChannels() {
        Letterbox.Letterboxed lb = new Letterbox(2).apply(new Pixels(2, 2, 1, new float[] {0, 51, 102, 255}));
        for (int c = 0; c < 3; c++) {
            assertThat(at(lb.input(), c, 0, 1)).isEqualTo(51f / 255f);
            assertThat(at(lb.input(), c, 1, 1)).isEqualTo(1f);
        }
    }
}
