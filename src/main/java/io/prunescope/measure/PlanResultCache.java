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

    public Optional<PlanMeasurement> get(PruningPlan plan, String dataIdentity) {
        return plan == null ? Optional.empty() : Optional.ofNullable(results.get(key(plan, dataIdentity)));
    }

    public void put(PruningPlan plan, PlanMeasurement m) {
        results.put(key(plan, m.dataIdentity()), m);
    }

    public int size() {
        return results.size();
    }
}
