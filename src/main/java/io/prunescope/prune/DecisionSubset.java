package io.prunescope.prune;

import io.prunescope.dependency.ChannelGroup;
import io.prunescope.dependency.ChannelUnit;
import io.prunescope.dependency.DependencyGraph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A decision restricted to some of its channel groups: the other groups keep all their channels. Fine-grained
 * zeros and removed residual branches are kept as they are (they belong to no channel group).
 */
final class DecisionSubset {

    private DecisionSubset() {
    }

    /** {@code decision} with only the groups in {@code kept} pruned. */
    static PruneDecision keeping(PruneDecision decision, Set<Integer> kept, DependencyGraph dependencies,
                                 List<String> extraNotes) {
        Map<Integer, int[]> units = new LinkedHashMap<>();
        Map<String, BitSet> channels = new HashMap<>();
        for (ChannelGroup g : dependencies.groups()) {
            int[] removed = decision.removedUnits().get(g.id());
            if (removed == null || !kept.contains(g.id())) {
                continue;
            }
            units.put(g.id(), removed);
            List<ChannelUnit> list = new ArrayList<>(removed.length);
            for (int u : removed) {
                list.add(g.units().get(u));
            }
            g.removedChannels(list).forEach((t, b) -> channels.merge(t, b, (a, c) -> {
                a.or(c);
                return a;
            }));
        }
        List<String> notes = new ArrayList<>(decision.notes());
        notes.addAll(extraNotes);
        return new PruneDecision(units, channels, decision.fineZeros(), decision.removedNodes(), decision.rewires(),
                notes);
    }
}
