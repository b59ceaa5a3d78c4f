package io.prunescope.session;

import io.prunescope.prune.PruningPlan;

/** A plan the user kept under a name to compare it with others; saved with the session. */
public record PlanSnapshot(String name, PruningPlan plan) {

    public PlanSnapshot {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a kept plan needs a name");
        }
        name = name.strip();
    }
}
