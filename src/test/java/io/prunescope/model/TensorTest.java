package io.prunescope.model;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TensorTest {

    @Test
    void float32RoundTripsThroughLittleEndianBytes() {
        float[] v = {1f, -2.5f, 3.25e-8f, Float.MAX_VALUE};
        Tensor t = Tensor.ofFloats("w", new long[]{2, 2}, v, DataType.FLOAT);
        assertThat(t.byteLength()).isEqualTo(16);
        assertThat(t.payload().order(ByteOrder.LITTLE_ENDIAN).getFloat(4)).isEqualTo(-2.5f);
        assertThat(t.payload().get(3)).isEqualTo((byte) 0x3F); // 1.0f = 0x3F800000, little-endian
        assertThat(t.toFloats()).containsExactly(v);
        assertThat(t.numel()).isEqualTo(4);
        assertThat(t.dims()).containsExactly(2, 2);
    }

    @Test
    void largeFloat32TensorDecodesEveryValueAcrossCopyPieces() {
        // toFloats copies in pieces of 2^18 floats; 2.5 pieces and a few, from bytes written independently of it
        int n = (1 << 18) * 5 / 2 + 3;
        ByteBuffer bytes = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            bytes.putInt(4 * i, Float.floatToRawIntBits(i * 0.5f - 7f));
        }
        float[] decoded = new Tensor("big", DataType.FLOAT, new long[]{n}, bytes).toFloats();
        assertThat(decoded).hasSize(n);
        for (int i : new int[]{0, 1, (1 << 18) - 1, 1 << 18, (1 << 18) + 1, 2 << 18, n - 1}) {
            assertThat(decoded[i]).as("value %d", i).isEqualTo(i * 0.5f - 7f);
        }
        for (int i = 0; i < n; i++) {
            if (decoded[i] != i * 0.5f - 7f) {
                throw new AssertionError("value " + i + " is " + decoded[i]);
            }
        }
    }

    @Test
    void float16StoresHalfBits() {
        Tensor t = Tensor.ofFloats("h", new long[]{3}, new float[]{1f, -2f, 65504f}, DataType.FLOAT16);
        ByteBuffer b = t.payload();
        assertThat(b.getShort(0)).isEqualTo((short) 0x3C00);
        assertThat(b.getShort(2)).isEqualTo((short) 0xC000);
        assertThat(b.getShort(4)).isEqualTo((short) 0x7BFF);
        assertThat(t.toFloats()).containsExactly(1f, -2f, 65504f);
    }

    @Test
    void bfloat16DecodesTopSixteenBitsAndRoundsToNearestEven() {
        ByteBuffer raw = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
        raw.putShort((short) 0x3F80).putShort((short) 0xC000).putShort((short) 0x4049).flip();
        Tensor t = new Tensor("b", DataType.BFLOAT16, new long[]{3}, raw);
        assertThat(t.toFloats()).containsExactly(1f, -2f, 3.140625f);

        // 1 + 2^-8 is halfway between bf16 1.0 (0x3F80, even) and 0x3F81: ties go to even
        assertThat(bf16(1f + 0x1p-8f)).isEqualTo((short) 0x3F80);
        // 1 + 3*2^-8 is halfway between 0x3F81 (odd) and 0x3F82: -> 0x3F82
        assertThat(bf16(1f + 3 * 0x1p-8f)).isEqualTo((short) 0x3F82);
        // above halfway rounds up (truncation would give 0x3F80)
        assertThat(bf16(Math.nextUp(1f + 0x1p-8f))).isEqualTo((short) 0x3F81);
        assertThat(bf16(Float.POSITIVE_INFINITY)).isEqualTo((short) 0x7F80);
        assertThat(Float.isNaN(Tensor.ofFloats("n", new long[]{1}, new float[]{Float.intBitsToFloat(0x7F800001)},
                DataType.BFLOAT16).toFloats()[0])).isTrue();
    }

    private static short bf16(float f) {
        return Tensor.ofFloats("b", new long[]{1}, new float[]{f}, DataType.BFLOAT16).payload().getShort(0);
    }

    @Test
    void doubleAndIntegers() {
        Tensor d = Tensor.ofFloats("d", new long[]{2}, new float[]{0.5f, -1f}, DataType.DOUBLE);
        assertThat(d.byteLength()).isEqualTo(16);
        assertThat(d.toFloats()).containsExactly(0.5f, -1f);
        Tensor l = Tensor.ofLongs("shape", new long[]{4}, new long[]{1, -1, 3, 1L << 40});
        assertThat(l.toLongs()).containsExactly(1, -1, 3, 1L << 40);
        assertThat(l.type()).isEqualTo(DataType.INT64);
        ByteBuffer i32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-7).putInt(9).flip();
        assertThat(new Tensor("i", DataType.INT32, new long[]{2}, i32).toLongs()).containsExactly(-7, 9);
    }

    @Test
    void isImmutable() {
        float[] v = {1f, 2f};
        Tensor t = Tensor.ofFloats("w", new long[]{2}, v, DataType.FLOAT);
        v[0] = 99f;
        assertThat(t.toFloats()).containsExactly(1f, 2f);
        assertThat(t.payload().isReadOnly()).isTrue();
        long[] dims = t.dims();
        dims[0] = 5;
        assertThat(t.dims()).containsExactly(2);
        assertThat(t.renamed("x").name()).isEqualTo("x");
        assertThat(t.renamed("x").toFloats()).containsExactly(1f, 2f);
    }

    @Test
    void refusesValuesThatDoNotFillTheShape() {
        assertThatThrownBy(() -> Tensor.ofFloats("w", new long[]{3}, new float[]{1f}, DataType.FLOAT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fill");
    }
}
