package io.prunescope.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HalfFloatTest {

    @ParameterizedTest(name = "0x{0} = {1}")
    @CsvSource({
            "3C00, 1.0", "C000, -2.0", "7BFF, 65504.0", "0001, 5.9604644775390625E-8", "03FF, 6.097555160522461E-5",
            "0400, 6.103515625E-5", "3555, 0.333251953125", "0000, 0.0", "3800, 0.5", "4248, 3.140625",
            "FBFF, -65504.0"})
    void decodesHandKnownValues(String hex, float expected) {
        short h = (short) Integer.parseInt(hex, 16);
        assertThat(HalfFloat.toFloat(h)).isEqualTo(expected);
        assertThat(HalfFloat.fromFloat(expected)).isEqualTo(h);
    }

    @Test
    void smallestSubnormalIsTwoToMinus24() {
        assertThat(HalfFloat.toFloat((short) 0x0001)).isEqualTo((float) Math.pow(2, -24));
        assertThat(HalfFloat.fromFloat(0x1p-24f)).isEqualTo((short) 0x0001);
    }

    @Test
    void signedZeroInfinityAndNaN() {
        assertThat(Float.floatToRawIntBits(HalfFloat.toFloat((short) 0x8000))).isEqualTo(0x80000000);
        assertThat(HalfFloat.fromFloat(-0.0f)).isEqualTo((short) 0x8000);
        assertThat(HalfFloat.toFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HalfFloat.toFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(HalfFloat.fromFloat(Float.POSITIVE_INFINITY)).isEqualTo((short) 0x7C00);
        assertThat(HalfFloat.fromFloat(Float.NEGATIVE_INFINITY)).isEqualTo((short) 0xFC00);
        assertThat(HalfFloat.toFloat((short) 0x7E00)).isNaN();
        assertThat(HalfFloat.toFloat((short) 0x7C01)).isNaN();
        short nan = HalfFloat.fromFloat(Float.NaN);
        assertThat(nan & 0x7C00).isEqualTo(0x7C00);
        assertThat(nan & 0x03FF).isNotZero();
        // a NaN whose payload lives only in the low float bits must stay NaN, not become infinity
        assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(Float.intBitsToFloat(0x7F800001)))).isNaN();
    }

    @Test
    void overflowBecomesInfinity() {
        assertThat(HalfFloat.fromFloat(65519.99f)).isEqualTo((short) 0x7BFF);
        assertThat(HalfFloat.fromFloat(65520f)).isEqualTo((short) 0x7C00); // tie rounds to even = infinity
        assertThat(HalfFloat.fromFloat(1e6f)).isEqualTo((short) 0x7C00);
        assertThat(HalfFloat.fromFloat(-1e6f)).isEqualTo((short) 0xFC00);
    }

    @Test
    void roundsToNearestEven() {
        float ulpAtOne = 0x1p-10f; // spacing of halves in [1,2)
        // exactly halfway between 1.0 (0x3C00, even) and next (0x3C01, odd) -> even
        assertThat(HalfFloat.fromFloat(1f + ulpAtOne / 2)).isEqualTo((short) 0x3C00);
        // halfway between 0x3C01 (odd) and 0x3C02 (even) -> 0x3C02
        assertThat(HalfFloat.fromFloat(1f + 1.5f * ulpAtOne)).isEqualTo((short) 0x3C02);
        // just above halfway rounds up, just below rounds down
        assertThat(HalfFloat.fromFloat(Math.nextUp(1f + ulpAtOne / 2))).isEqualTo((short) 0x3C01);
        assertThat(HalfFloat.fromFloat(Math.nextDown(1f + ulpAtOne / 2))).isEqualTo((short) 0x3C00);
        // subnormal range: 2^-25 is halfway between 0 and the smallest subnormal -> 0 (even)
        assertThat(HalfFloat.fromFloat(0x1p-25f)).isEqualTo((short) 0);
        assertThat(HalfFloat.fromFloat(Math.nextUp(0x1p-25f))).isEqualTo((short) 1);
        // 1.5 * 2^-24 is halfway between subnormals 1 (odd) and 2 (even) -> 2
        assertThat(HalfFloat.fromFloat(1.5f * 0x1p-24f)).isEqualTo((short) 2);
        // the largest subnormal rounds up into the smallest normal
        assertThat(HalfFloat.fromFloat(Math.nextDown(0x1p-14f))).isEqualTo((short) 0x0400);
        assertThat(HalfFloat.fromFloat(1e-10f)).isEqualTo((short) 0);
        assertThat(HalfFloat.fromFloat(Float.MIN_VALUE)).isEqualTo((short) 0);
    }

    @Test
    void encodeMatchesDoublePrecisionReferenceOnRandomFloats() {
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 200_000; i++) {
            float f = Float.intBitsToFloat(r.nextInt());
            if (Float.isNaN(f)) {
                continue;
            }
            short h = HalfFloat.fromFloat(f);
            assertThat(HalfFloat.fromFloat(f)).isEqualTo(reference(f));
            // the chosen half is never farther from f than its neighbours
            if (!Float.isInfinite(HalfFloat.toFloat(h))) {
                double err = Math.abs((double) HalfFloat.toFloat(h) - f);
                double up = Math.abs((double) HalfFloat.toFloat((short) (h + 1)) - f);
                assertThat(err).isLessThanOrEqualTo(up);
            }
        }
    }

    /** Brute force: nearest representable half to f, ties to the even pattern. */
    private static short reference(float f) {
        double a = Math.abs((double) f);
        int sign = Float.floatToRawIntBits(f) < 0 ? 0x8000 : 0;
        if (a >= 65520.0) {
            return (short) (sign | 0x7C00);
        }
        int lo = 0;
        int hi = 0x7BFF;
        while (lo < hi) { // largest pattern whose value <= a
            int mid = (lo + hi + 1) >>> 1;
            if (HalfFloat.toFloat((short) mid) <= a) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int best = lo;
        if (lo < 0x7C00) {
            double dLo = a - HalfFloat.toFloat((short) lo);
            double dHi = HalfFloat.toFloat((short) (lo + 1)) - a;
            if (dHi < dLo || (dHi == dLo && (lo & 1) == 1)) {
                best = lo + 1;
            }
        }
        return (short) (sign | best);
    }

    @Test
    void everyHalfPatternRoundTripsExactly() {
        for (int bits = 0; bits < 0x10000; bits++) {
            short h = (short) bits;
            float f = HalfFloat.toFloat(h);
            boolean nan = (bits & 0x7C00) == 0x7C00 && (bits & 0x3FF) != 0;
            if (nan) {
                assertThat(f).as("0x%04X", bits).isNaN();
                assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(f))).isNaN();
                assertThat(HalfFloat.fromFloat(f) & 0x8000).isEqualTo(bits & 0x8000);
                continue;
            }
            assertThat(HalfFloat.fromFloat(f)).as("0x%04X -> %s", bits, f).isEqualTo(h);
        }
    }
}
