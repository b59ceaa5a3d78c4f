package io.prunescope.session;

import io.prunescope.prune.PruningPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The plans kept in a session, in the order they were kept. Names are unique: keeping a plan under a name already
 * used replaces that entry (the user re-kept it after tuning), and an unnamed keep gets the next free "plan N".
 */
public final class PlanSnapshots {

    private final List<PlanSnapshot> kept = new ArrayList<>();

    public List<PlanSnapshot> all() {
        return List.copyOf(kept);
    }

    public void setAll(List<PlanSnapshot> snapshots) {
        kept.clear();
        snapshots.forEach(this::put);
    }

    /** Keeps {@code plan} as {@code name} (blank: the next "plan N"); returns what was kept. */
    public PlanSnapshot keep(String name, PruningPlan plan) {
        PlanSnapshot s = new PlanSnapshot(name == null || name.isBlank() ? nextName() : name, plan);
        put(s);
        return s;
    }

    public Optional<PlanSnapshot> named(String name) {
        return kept.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public boolean remove(String name) {
        return kept.removeIf(s -> s.name().equals(name));
    }

    public String nextName() {
        int n = kept.size() + 1;
        while (named("plan " + n).isPresent()) {
            n++;
        }
        return "plan " + n;
    }

    private void put(PlanSnapshot s) {
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i).name().equals(s.name())) {
                kept.set(i, s);
                return;
            }
        }
        kept.add(s);
    }
}
