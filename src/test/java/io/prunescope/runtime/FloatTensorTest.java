package io.prunescope.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FloatTensorTest {

    private final FloatTensor t = FloatTensor.of(new long[] {3, 4},
            1, 5, 2, 5,
            -1, -2, -3, -0.5f,
            0, 0, 0, 0);

    @Test
    void numelAndSampleSize() {
        assertThat(t.numel()).isEqualTo(12);
        assertThat(t.batchSize()).isEqualTo(3);
        assertThat(t.sampleSize()).isEqualTo(4);
        assertThat(t.get(1, 3)).isEqualTo(-0.5f);
    }

    @Test
    void argmaxPerRowTakesFirstOfTies() {
        assertThat(t.argmaxPerRow()).containsExactly(1, 3, 0);
    }

    @Test
    void sliceAndConcatAreInverse() {
        FloatTensor a = t.sliceBatch(0, 1);
        FloatTensor b = t.sliceBatch(1, 3);
        assertThat(a.shape()).containsExactly(1, 4);
        assertThat(b.data()).containsExactly(-1, -2, -3, -0.5f, 0, 0, 0, 0);
        assertThat(FloatTensor.concatBatch(List.of(a, b))).isEqualTo(t);
    }

    @Test
    void rejectsInconsistentShapes() {
        assertThatThrownBy(() -> FloatTensor.of(new long[] {2, 2}, 1, 2, 3))
                .hasMessageContaining("needs 4 values but data has 3");
        assertThatThrownBy(() -> t.sliceBatch(2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> FloatTensor.concatBatch(List.of(t, FloatTensor.zeros(1, 3))))
                .hasMessageContaining("cannot concatenate");
    }
}
