package io.prunescope.prune.criteria;

/**
 * What one pruning unit is (DESIGN §3). Indices below refer to a conv weight {@code W[o][c][i][j]}
 * ({@code [O][C/groups][kh][kw]}); an FC weight is {@code W[out][in]}.
 */
public enum Granularity {
    /** One element {@code W[o][c][i][j]}; any rank. */
    WEIGHT("Weight (element)", false, true, true),
    /** One kernel row {@code W[o][c][i][:]}. */
    VECTOR("Vector (kernel row)", false, false, true),
    /** One 2-D kernel {@code W[o][c][:][:]}. */
    KERNEL("Kernel", false, false, true),
    /** One whole filter {@code W[o][:][:][:]} = output channel o. */
    FILTER("Filter (output channel)", true, false, true),
    /** Input channel c in all filters {@code W[:][c][:][:]}. */
    CHANNEL("Channel (input channel)", true, false, true),
    /** One im2col column {@code W[:][c][i][j]}, the same position across all filters. */
    SHAPE("Shape-wise (im2col column)", false, false, true),
    /** One stripe {@code W[o][:][i][j]}: one filter at one kernel position, across its channels. */
    STRIPE("Stripe-wise (SWP)", false, false, true),
    /** One output unit of an FC layer: a row of {@code W[out][in]}. */
    NEURON("Neuron (FC output unit)", true, true, false),
    /** N of every M consecutive weights along the reduction dimension; units are single weights. */
    N_M("N:M (e.g. 2:4)", false, true, true),
    /** A residual branch; decided on the graph, not on one weight, so it has no unit layout here. */
    LAYER("Layer / block", true, false, false);

    private final String label;
    private final boolean structured;
    private final boolean fullyConnected;
    private final boolean conv;

    Granularity(String label, boolean structured, boolean fullyConnected, boolean conv) {
        this.label = label;
        this.structured = structured;
        this.fullyConnected = fullyConnected;
        this.conv = conv;
    }

    /** Human label for menus and reports. */
    public String label() {
        return label;
    }

    /** True when pruning makes the model physically smaller (filter, channel, neuron, layer). */
    public boolean structured() {
        return structured;
    }

    /**
     * Whether this granularity has a unit layout on a weight of the given rank: 2 = FC {@code [out][in]},
     * 3 = Conv1d {@code [O][C][k]}, 4 = Conv2d {@code [O][C][kh][kw]}. LAYER applies to no single weight.
     */
    public boolean appliesToRank(int rank) {
        return switch (rank) {
            case 2 -> fullyConnected;
            case 3, 4 -> conv;
            default -> false;
        };
    }
}
