package io.prunescope.measure;

import java.util.Arrays;

/**
 * What a sensitivity result depends on besides the code: the model (by SHA-256), the data the metric read, the
 * metric, the criterion (with the recovery, when recovery-aware) and the ratios. Its {@link #key()} names cache
 * files and ties the parts of a sharded sweep together.
 */
public record SensitivitySettings(String modelSha256, String dataIdentity, String metric, String criterion,
                                  double[] ratios) {

    public String key() {
        return SensitivityCache.key(modelSha256, dataIdentity, metric, criterion, ratios, 1);
    }

    /** The first setting that differs from {@code other}, in words, or null when they are the same. */
    public String difference(SensitivitySettings other) {
        if (!modelSha256.equals(other.modelSha256)) {
            return "model (SHA-256 " + abbrev(modelSha256) + " vs " + abbrev(other.modelSha256) + ")";
        }
        if (!dataIdentity.equals(other.dataIdentity)) {
            return "data (" + dataIdentity + " vs " + other.dataIdentity + ")";
        }
        if (!metric.equals(other.metric)) {
            return "metric (" + metric + " vs " + other.metric + ")";
        }
        if (!criterion.equals(other.criterion)) {
            return "criterion (" + criterion + " vs " + other.criterion + ")";
        }
        if (!Arrays.equals(ratios, other.ratios)) {
            return "ratios (" + Arrays.toString(ratios) + " vs " + Arrays.toString(other.ratios) + ")";
        }
        return null;
    }

    private static String abbrev(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SensitivitySettings s && difference(s) == null;
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }
}
