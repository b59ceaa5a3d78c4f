package io.prunescope.measure;

import java.util.List;

/**
 * Sensitivity curves of every prunable channel group: the metric after pruning only that group at each ratio.
 *
 * @param baseline     the metric of the unpruned model
 * @param criterion    the criterion that chose the units
 * @param dataIdentity what the metric read ({@link Metric#dataIdentity()})
 */
public record SensitivityResult(String modelSha256, String modelName, String metric, String criterion,
                                String dataIdentity, double baseline, long macsBefore, long paramsBefore,
                                double[] ratios, List<GroupCurve> groups) {

    /**
     * One group's curve.
     *
     * @param layer        the producer layer the plan sets (the engine applies it to the whole group)
     * @param producers    every layer whose filters are the group's channels
     * @param values       metric at {@code ratios[i]}
     * @param removed      units actually removed at {@code ratios[i]}
     * @param macsAfter    whole-model MACs with only this group pruned at {@code ratios[i]}
     * @param paramsAfter  whole-model parameters likewise
     */
    public record GroupCurve(int groupId, String layer, List<String> producers, int units, double[] values,
                             int[] removed, long[] macsAfter, long[] paramsAfter) {
    }

    public GroupCurve group(int id) {
        return groups.stream().filter(g -> g.groupId() == id).findFirst().orElse(null);
    }
}
