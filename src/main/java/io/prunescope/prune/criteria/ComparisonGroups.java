package io.prunescope.prune.criteria;

/**
 * Which units FPGM and the geometric median compare with each other.
 *
 * <p>FPGM's argument is about filters that read the same input and write different outputs: a filter
 * near the others' geometric median is replaceable by them. The finer granularities keep that reading:
 * a kernel {@code W[o][c]} is compared with the kernels {@code W[:][c]} of the other filters reading the
 * same input channel; a vector {@code W[o][c][i][:]} with {@code W[:][c][i][:]}; a stripe
 * {@code W[o][:][i][j]} with the stripes {@code W[:][:][i][j]} at the same kernel position. That is FPGM
 * run on each slice of the layer. Filters, neurons, input channels and im2col columns form one group:
 * the whole layer.
 *
 * <p>All groups have the same size, and member m of group g is unit {@code m · memberStride + g}.
 */
final class ComparisonGroups {

    private final int groups;
    private final int groupSize;
    private final int memberStride;

    private ComparisonGroups(int groups, int groupSize, int memberStride) {
        this.groups = groups;
        this.groupSize = groupSize;
        this.memberStride = memberStride;
    }

    static ComparisonGroups of(WeightView w, UnitLayout layout) {
        int o = w.outChannels();
        return switch (layout.granularity()) {
            case FILTER, NEURON, CHANNEL, SHAPE -> new ComparisonGroups(1, layout.units(), 1);
            // KERNEL unit (o,c) = o·C + c; VECTOR unit (o,c,i) = o·C·kh + c·kh + i; STRIPE unit (o,p) = o·K + p.
            case KERNEL, VECTOR, STRIPE -> new ComparisonGroups(layout.units() / o, o, layout.units() / o);
            default -> throw new IllegalArgumentException("no comparison groups for " + layout.granularity());
        };
    }

    int groups() {
        return groups;
    }

    int groupSize() {
        return groupSize;
    }

    int unit(int group, int member) {
        return member * memberStride + group;
    }

    /** The group's units, flattened, as a groupSize × unitSize row-major matrix. */
    float[] gather(int group, UnitLayout layout, float[] data) {
        int d = layout.unitSize();
        float[] matrix = new float[groupSize * d];
        for (int m = 0; m < groupSize; m++) {
            layout.gather(unit(group, m), data, matrix, m * d);
        }
        return matrix;
    }
}
