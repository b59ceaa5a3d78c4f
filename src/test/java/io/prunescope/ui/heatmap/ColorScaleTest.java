package io.prunescope.ui.heatmap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The colour scale maps min → max monotonically (in lightness) and clamps outside [0, 1]. */
class ColorScaleTest {

    @Test
    void lightnessRisesMonotonicallyFromMinToMax() {
        double previous = -1;
        for (int i = 0; i <= 1000; i++) {
            double luma = ColorScale.luma(ColorScale.argb(i / 1000.0));
            assertThat(luma).as("t = %s", i / 1000.0).isGreaterThanOrEqualTo(previous);
            previous = luma;
        }
        assertThat(ColorScale.luma(ColorScale.argb(1))).isGreaterThan(ColorScale.luma(ColorScale.argb(0)) + 0.6);
    }

    @Test
    void valuesMapThroughTheirRangeAndClamp() {
        assertThat(ColorScale.argb(5, 5, 10)).isEqualTo(ColorScale.argb(0));
        assertThat(ColorScale.argb(10, 5, 10)).isEqualTo(ColorScale.argb(1));
        assertThat(ColorScale.argb(-3)).isEqualTo(ColorScale.argb(0));
        assertThat(ColorScale.argb(7)).isEqualTo(ColorScale.argb(1));
        assertThat(ColorScale.argb(Double.NaN)).isEqualTo(ColorScale.argb(0));
        assertThat(ColorScale.argb(3, 3, 3)).isEqualTo(ColorScale.argb(0.5)); // flat range: the middle
        double a = ColorScale.luma(ColorScale.argb(2, 0, 10));
        double b = ColorScale.luma(ColorScale.argb(8, 0, 10));
        assertThat(b).isGreaterThan(a);
    }

    @Test
    void prunedColoursAreDimmerThanTheBrightPartOfTheScale() {
        for (double t : new double[]{0.5, 0.75, 1}) {
            int c = ColorScale.argb(t);
            assertThat(ColorScale.luma(ColorScale.dim(c))).isLessThan(ColorScale.luma(c));
        }
    }
}
