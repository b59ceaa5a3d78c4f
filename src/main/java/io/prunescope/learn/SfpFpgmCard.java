package io.prunescope.learn;

import java.util.List;

/**
 * SFP and FPGM stated correctly (DESIGN §4; He et al., IJCAI 2018 and CVPR 2019), row by row, with what the
 * workbench does for each. The same rows are in {@code src/docs/learn.md}; common write-ups get several wrong
 * (FPGM is not a clustering method, SFP adds no sparsity penalty).
 */
public final class SfpFpgmCard {

    /** One line of the card. */
    public record Row(String aspect, String sfp, String fpgm) {
    }

    private SfpFpgmCard() {
    }

    public static final String TITLE = "SFP vs FPGM";

    public static List<Row> rows() {
        return List.of(
                new Row("Paper", "Soft Filter Pruning, He et al., IJCAI 2018",
                        "Filter Pruning via Geometric Median, He et al., CVPR 2019"),
                new Row("Unit", "filter (output channel): filter pruning", "filter (output channel): filter pruning"),
                new Row("Soft or hard", "soft: after every epoch the chosen filters are zeroed, stay in the model "
                        + "and keep training; removed only at the end",
                        "soft, the same framework as SFP: zero, keep training, remove at the end"),
                new Row("Criterion", "smallest L2 norm ||F_k||₂ is pruned",
                        "smallest g(k) = Σ_j ||F_k − F_j||₂ is pruned: the filters closest to the geometric median, "
                                + "most replaceable by the others"),
                new Row("Why", "small filters contribute little",
                        "the norm rule needs a wide norm spread and a near-zero minimum that real layers often lack; "
                                + "redundancy does not"),
                new Row("Sparsity penalty / clustering", "neither: no penalty term, no clustering",
                        "neither: no penalty term, no clustering (the median is a distance sum, not a cluster)"),
                new Row("Official code", "L2 norm per filter",
                        "mixes in a norm share: part of the layer's rate by small norm, the rest by distance sum"),
                new Row("In this workbench", "criterion L2, granularity Filter; Export ▸ soft = pruned filters "
                        + "zeroed, shapes kept, ready for the next epoch",
                        "criterion FPGM (g(k) exactly as above, raw weights), granularity Filter; Export ▸ soft for "
                                + "training on, hard to remove the filters"));
    }
}
