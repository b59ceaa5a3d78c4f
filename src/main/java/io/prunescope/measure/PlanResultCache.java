package io.prunescope.measure;

import io.prunescope.prune.PlanJson;
import io.prunescope.prune.PruningPlan;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measurements of plans kept for the session, keyed by the plan's settings (its {@link PlanJson#digest digest}) and
 * the data they were measured on: undoing back to a measured plan, or picking a kept plan, shows its numbers at
 * once. In memory only: latency depends on the machine's load, so numbers from another run would mislead.
 */
public final class PlanResultCache {

    private final Map<String, PlanMeasurement> results = new ConcurrentHashMap<>();

    public static String key(PruningPlan plan, String dataIdentity) {
        return PlanJson.digest(plan) + "|" + dataIdentity;
    }

    /** @param data what the measurement read: a data set's identity, or any string naming the data and its limit */
    public Optional<PlanMeasurement> get(PruningPlan plan, String data) {
        return plan == null ? Optional.empty() : Optional.ofNullable(results.get(key(plan, data)));
    }

    public void put(PruningPlan plan, String data, PlanMeasurement m) {
        results.put(key(plan, data), m);
    }

    public int size() {
        return results.size();
    }
}
