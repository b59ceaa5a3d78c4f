package io.prunescope.prune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to prune: global defaults plus per-layer settings, the rounding of channel counts and the seed of the
 * random criterion. Immutable: every edit returns a new plan, which makes undo a matter of keeping old plans.
 *
 * @param modelSha256 digest of the model file the plan was made for; a plan refuses to run on another model
 * @param roundTo     kept channel counts are rounded up to a multiple of this (1 = no rounding; 8, 16, 32 typical)
 */
public record PruningPlan(String modelSha256, String modelName, LayerSetting defaults, Map<String, LayerSetting> layers,
                          int roundTo, long seed) {

    public PruningPlan {
        Objects.requireNonNull(defaults, "defaults");
        layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
        if (roundTo < 1) {
            throw new IllegalArgumentException("round-to must be at least 1, got " + roundTo);
        }
    }

    public static PruningPlan empty(String modelSha256, String modelName) {
        return new PruningPlan(modelSha256, modelName, LayerSetting.DEFAULT, Map.of(), 1, 0);
    }

    /** The setting in force for a layer: its own, or the defaults. */
    public LayerSetting settingFor(String layer) {
        return layers.getOrDefault(layer, defaults);
    }

    public PruningPlan withLayer(String layer, LayerSetting setting) {
        Map<String, LayerSetting> copy = new LinkedHashMap<>(layers);
        copy.put(layer, setting);
        return new PruningPlan(modelSha256, modelName, defaults, copy, roundTo, seed);
    }

    public PruningPlan withoutLayer(String layer) {
        Map<String, LayerSetting> copy = new LinkedHashMap<>(layers);
        copy.remove(layer);
        return new PruningPlan(modelSha256, modelName, defaults, copy, roundTo, seed);
    }

    public PruningPlan withDefaults(LayerSetting newDefaults) {
        return new PruningPlan(modelSha256, modelName, newDefaults, layers, roundTo, seed);
    }

    /** Defaults become the setting of every layer: per-layer overrides are dropped. */
    public PruningPlan applyDefaultsToAll() {
        return new PruningPlan(modelSha256, modelName, defaults, Map.of(), roundTo, seed);
    }

    public PruningPlan withRoundTo(int newRoundTo) {
        return new PruningPlan(modelSha256, modelName, defaults, layers, newRoundTo, seed);
    }

    public PruningPlan withSeed(long newSeed) {
        return new PruningPlan(modelSha256, modelName, defaults, layers, roundTo, newSeed);
    }
}
