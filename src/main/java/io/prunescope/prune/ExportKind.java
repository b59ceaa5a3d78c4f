package io.prunescope.prune;

/** The models a plan can be written as (DESIGN §6). */
public enum ExportKind {
    /** Structured units physically removed, fine-grained units zeroed: smaller and faster on any runtime. */
    HARD,
    /**
     * Same shapes; removed filters and the input slices that read them are zeroed, fine-grained units zeroed —
     * ready for SFP/FPGM-style soft training, and computing exactly what the hard model computes.
     */
    SOFT,
    /**
     * The oracle of DESIGN §6.3: the original with only every consumer's input slice of the removed channels
     * zeroed (producers keep their filters). A correct hard model computes the same outputs.
     */
    MASKED_CONSUMER
}
