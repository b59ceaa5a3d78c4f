package io.prunescope.prune.criteria;

/** The L1 and L2 scores of one layer's units, computed together in one pass ({@link Scorer#norms}). */
public record Norms(float[] l1, float[] l2) {
}
