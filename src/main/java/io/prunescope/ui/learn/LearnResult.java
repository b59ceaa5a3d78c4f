package io.prunescope.ui.learn;

import io.prunescope.learn.CriteriaComparison;
import io.prunescope.learn.FilterProjection;
import io.prunescope.learn.GalleryEntry;
import io.prunescope.learn.TensorSlice;
import io.prunescope.prune.criteria.WeightView;

import java.util.List;

/** Everything the Learn view shows for one layer, ratio and slice (computed off the FX thread). */
record LearnResult(String layer, double ratio, WeightView view, TensorSlice slice, List<GalleryEntry> gallery,
                   CriteriaComparison comparison, FilterProjection projection) {
}
