package io.prunescope.prune.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UnitLayoutTest {

    private static final int O = 3, C = 4, KH = 2, KW = 3;
    private static final WeightView CONV = WeightView.of(new float[O * C * KH * KW], O, C, KH, KW);

    /** The unit containing W[o][c][i][j], straight from DESIGN §3's definitions. */
    private static int expectedUnit(Granularity g, int o, int c, int i, int j) {
        return switch (g) {
            case WEIGHT, N_M -> ((o * C + c) * KH + i) * KW + j;
            case VECTOR -> (o * C + c) * KH + i;
            case KERNEL -> o * C + c;
            case FILTER -> o;
            case CHANNEL -> c;
            case SHAPE -> (c * KH + i) * KW + j;
            case STRIPE -> (o * KH + i) * KW + j;
            default -> throw new AssertionError(g);
        };
    }

    @Test
    void everyConvGranularityPartitionsTheTensorExactlyOnceAsDefined() {
        for (Granularity g : Granularity.values()) {
            if (!g.appliesToRank(4)) {
                continue;
            }
            UnitLayout layout = UnitLayout.of(CONV, g);
            int[] owner = new int[CONV.size()];
            Arrays.fill(owner, -1);
            for (int u = 0; u < layout.units(); u++) {
                int unit = u;
                int[] count = {0};
                layout.forEachElement(u, idx -> {
                    assertThat(owner[idx]).as("%s element %d covered twice", g, idx).isEqualTo(-1);
                    owner[idx] = unit;
                    count[0]++;
                });
                assertThat(count[0]).isEqualTo(layout.unitSize());
                assertThat(layout.elementIndices(u)).hasSize(layout.unitSize());
            }
            assertThat((long) layout.units() * layout.unitSize()).isEqualTo(CONV.size());
            for (int o = 0; o < O; o++) {
                for (int c = 0; c < C; c++) {
                    for (int i = 0; i < KH; i++) {
                        for (int j = 0; j < KW; j++) {
                            assertThat(owner[CONV.index(o, c, i, j)]).as("%s W[%d][%d][%d][%d]", g, o, c, i, j)
                                    .isEqualTo(expectedUnit(g, o, c, i, j));
                        }
                    }
                }
            }
        }
    }

    @Test
    void unitCounts() {
        assertThat(UnitLayout.of(CONV, Granularity.WEIGHT).units()).isEqualTo(72);
        assertThat(UnitLayout.of(CONV, Granularity.VECTOR).units()).isEqualTo(O * C * KH);
        assertThat(UnitLayout.of(CONV, Granularity.KERNEL).units()).isEqualTo(O * C);
        assertThat(UnitLayout.of(CONV, Granularity.FILTER).units()).isEqualTo(O);
        assertThat(UnitLayout.of(CONV, Granularity.CHANNEL).units()).isEqualTo(C);
        assertThat(UnitLayout.of(CONV, Granularity.SHAPE).units()).isEqualTo(C * KH * KW);
        assertThat(UnitLayout.of(CONV, Granularity.STRIPE).units()).isEqualTo(O * KH * KW);
        WeightView fc = WeightView.of(new float[12], 3, 4);
        assertThat(UnitLayout.of(fc, Granularity.NEURON).units()).isEqualTo(3);
        assertThat(UnitLayout.of(fc, Granularity.NEURON).elementIndices(1)).containsExactly(4, 5, 6, 7);
    }

    @Test
    void elementMaskPrunesExactlyThePrunedUnitsElements() {
        for (Granularity g : new Granularity[] {Granularity.VECTOR, Granularity.CHANNEL, Granularity.SHAPE,
                Granularity.STRIPE, Granularity.KERNEL}) {
            UnitLayout layout = UnitLayout.of(CONV, g);
            boolean[] keep = new boolean[layout.units()];
            for (int u = 0; u < keep.length; u++) {
                keep[u] = u % 3 != 1;
            }
            ElementMask mask = layout.elementMask(UnitMask.of(keep));
            for (int u = 0; u < keep.length; u++) {
                for (int idx : layout.elementIndices(u)) {
                    assertThat(mask.isKept(idx)).isEqualTo(keep[u]);
                }
            }
            int prunedUnits = (int) java.util.stream.IntStream.range(0, keep.length).filter(u -> !keep[u]).count();
            assertThat(mask.prunedCount()).isEqualTo(prunedUnits * layout.unitSize());
            assertThat(mask.sparsity()).isEqualTo((double) prunedUnits * layout.unitSize() / CONV.size());
        }
    }

    @Test
    void gatherFlattensAChannelAcrossFilters() {
        float[] data = new float[O * C * KH * KW];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        UnitLayout channels = UnitLayout.of(WeightView.of(data, O, C, KH, KW), Granularity.CHANNEL);
        float[] out = new float[channels.unitSize()];
        channels.gather(2, data, out, 0);
        // channel 2 starts at 2·6 = 12 in each filter of 24: 12..17, 36..41, 60..65
        assertThat(out).containsExactly(12, 13, 14, 15, 16, 17, 36, 37, 38, 39, 40, 41, 60, 61, 62, 63, 64, 65);
    }

    @Test
    void rejectsGranularitiesThatDoNotApply() {
        assertThatThrownBy(() -> UnitLayout.of(CONV, Granularity.NEURON)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitLayout.of(CONV, Granularity.LAYER)).isInstanceOf(IllegalArgumentException.class);
        WeightView fc = WeightView.of(new float[6], 2, 3);
        assertThatThrownBy(() -> UnitLayout.of(fc, Granularity.FILTER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UnitLayout.of(fc, Granularity.KERNEL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void weightViewValidatesShape() {
        assertThatThrownBy(() -> WeightView.of(new float[5], 2, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeightView.of(new float[4], 4)).isInstanceOf(IllegalArgumentException.class);
        WeightView conv1d = WeightView.of(new float[30], 2, 3, 5);
        assertThat(conv1d.kernelHeight()).isEqualTo(1);
        assertThat(conv1d.kernelWidth()).isEqualTo(5);
        assertThat(conv1d.rowLength()).isEqualTo(15);
    }
}
