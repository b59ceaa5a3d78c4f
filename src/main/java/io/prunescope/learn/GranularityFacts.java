package io.prunescope.learn;

import io.prunescope.prune.criteria.Granularity;

/**
 * The one sentence the gallery shows beside each granularity: what the unit is, whether it is structured, what it
 * forces on the neighbouring layers and whether a dense runtime gets faster (DESIGN §3). Numbers for the open model
 * are appended by {@link GalleryEntry#caption()}.
 */
public final class GranularityFacts {

    private GranularityFacts() {
    }

    /** What one unit is and what removing it does, in one sentence. */
    public static String sentence(Granularity g) {
        return switch (g) {
            case WEIGHT -> "One weight W[o][c][i][j]; unstructured: the tensor keeps its shape with zeros in it, "
                    + "neighbouring layers are untouched, and dense hardware is not faster (sparse kernels needed).";
            case VECTOR -> "One kernel row W[o][c][i][:]; fine-grained: shapes stay, zeros in rows, no neighbour "
                    + "changes, no dense speed-up.";
            case KERNEL -> "One k×k kernel W[o][c][:][:] (filter o reading input channel c); fine-grained: shapes "
                    + "stay, no neighbour changes, no dense speed-up.";
            case FILTER -> "One whole filter W[o][:][:][:] = output channel o; structured: the layer loses output "
                    + "channel o and every layer reading it loses input channel o (its coupled group with it); "
                    + "faster on any runtime.";
            case CHANNEL -> "Input channel c in every filter W[:][c][:][:]; structured: the producer of channel c "
                    + "loses filter c, and the coupled group with it; faster on any runtime.";
            case SHAPE -> "One im2col column W[:][c][i][j], the same position in every filter; fine-grained unless "
                    + "a whole channel's columns go; no neighbour changes; needs a GEMM that skips columns.";
            case STRIPE -> "One stripe W[o][:][i][j] (one filter at one kernel position, across channels); "
                    + "fine-grained, positions differ per filter; a filter with no stripes left is a filter prune.";
            case NEURON -> "One output unit of a Gemm/MatMul = row of W[out][in]; structured: the next layer loses "
                    + "the matching column; faster on any runtime.";
            case N_M -> "In every M consecutive weights along the input dimension the N largest stay (2:4 here); "
                    + "semi-structured: shapes stay; only sparse tensor cores (Ampere 2:4) get faster.";
            case LAYER -> "A whole residual branch, leaving its skip connection; structured: the block becomes the "
                    + "identity and its nodes are removed; faster on any runtime.";
        };
    }
}
