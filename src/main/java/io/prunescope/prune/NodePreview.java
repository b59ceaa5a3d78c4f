package io.prunescope.prune;

import io.prunescope.model.Node;

/**
 * One node's cost before and after a plan. {@code nonzeroParamsAfter} also subtracts fine-grained zeros, which
 * shrink nothing on a dense runtime but are what sparse kernels could skip.
 */
public record NodePreview(Node node, long paramsBefore, long paramsAfter, long nonzeroParamsAfter, long macsBefore,
                          long macsAfter) {

    public boolean changed() {
        return paramsBefore != paramsAfter || macsBefore != macsAfter || nonzeroParamsAfter != paramsAfter;
    }
}
