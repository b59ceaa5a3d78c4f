package io.prunescope.prune;

import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The concrete outcome of a plan on a model: which channel units go, which weights are zeroed, which residual
 * branches are removed. Everything downstream (preview, export, verification, heatmap marks) reads this.
 *
 * @param removedUnits    group id → indices of its removed units
 * @param removedChannels tensor → channel indices removed from it
 * @param fineZeros       layer name → flat indices of its stored weight that fine-grained pruning zeroes
 * @param removedNodes    node indices removed by block pruning
 * @param rewires         tensor → tensor its readers read instead (block pruning)
 * @param notes           things the user should know (criteria unavailable, requests that could not be met)
 */
public record PruneDecision(Map<Integer, int[]> removedUnits, Map<String, BitSet> removedChannels,
                            Map<String, BitSet> fineZeros, Set<Integer> removedNodes, Map<String, String> rewires,
                            List<String> notes) {

    public PruneDecision {
        removedUnits = Collections.unmodifiableMap(removedUnits);
        removedChannels = Collections.unmodifiableMap(removedChannels);
        fineZeros = Collections.unmodifiableMap(fineZeros);
        removedNodes = Collections.unmodifiableSet(removedNodes);
        rewires = Collections.unmodifiableMap(rewires);
        notes = List.copyOf(notes);
    }

    public int removedCount(String tensor) {
        BitSet b = removedChannels.get(tensor);
        return b == null ? 0 : b.cardinality();
    }

    public BitSet removed(String tensor) {
        BitSet b = removedChannels.get(tensor);
        return b == null ? new BitSet() : (BitSet) b.clone();
    }

    public boolean isStructured() {
        return !removedChannels.isEmpty() || !removedNodes.isEmpty();
    }
}
