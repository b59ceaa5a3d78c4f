package io.prunescope.measure;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.dependency.ChannelGroup;
import io.prunescope.dependency.Member;
import io.prunescope.ops.MemberRole;
import io.prunescope.prune.criteria.UnitSelection;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Predicted latency saved by pruning one channel group, from a latency table rather than from MACs, so that
 * {@code prune-target --target-latency} spends its budget where the runtime actually gets faster: a step from
 * 64 to 60 filters saves MACs but, with kernels blocked by 8 or 16, no time.
 * <p>
 * For a group at ratio r: every producer convolution runs with the kept count (table lookup: exact for that
 * layer shape and count); every consumer convolution reads fewer input channels, which the table does not hold
 * (it varies output counts), so its saving is taken proportional to the input channels removed. Both are divided by
 * the sum of all convolutions' table latencies at full width, so the result is a fraction of conv time.
 */
public final class LatencyModel {

    /** Milliseconds of a conv shape with a given output count (the table, or a stand-in in tests). */
    public interface Lookup {
        double millis(ConvShape shape, int outChannels);
    }

    private record Producer(ConvShape shape, int units, int node) {
    }

    private record Consumer(ConvShape shape, double fullMs, int node) {
    }

    private final Lookup lookup;
    private final Map<Integer, List<Producer>> producers = new HashMap<>();
    private final Map<Integer, List<Consumer>> consumers = new HashMap<>();
    private final Map<Integer, Integer> units = new HashMap<>();
    private final double totalMs;

    private LatencyModel(Workspace ws, Lookup lookup) {
        this.lookup = lookup;
        double total = 0;
        for (PrunableLayer l : ws.engine().layers()) {
            Optional<ConvShape> s = ConvShape.of(ws, l);
            if (s.isPresent()) {
                total += lookup.millis(s.get(), s.get().outChannels());
            }
        }
        this.totalMs = total;
        for (ChannelGroup g : ws.dependencies().prunableGroups()) {
            int n = g.prunableUnits().size();
            units.put(g.id(), n);
            List<Producer> ps = new ArrayList<>();
            List<Consumer> cs = new ArrayList<>();
            for (Member m : g.members()) {
                Optional<ConvShape> s = ws.engine().layer(m.node().displayName())
                        .filter(l -> l.node().index() == m.node().index()).flatMap(l -> ConvShape.of(ws, l));
                if (s.isEmpty()) {
                    continue;
                }
                if (m.role() == MemberRole.PRODUCER) {
                    ps.add(new Producer(s.get(), s.get().outChannels(), m.node().index()));
                } else if (m.role() == MemberRole.CONSUMER) {
                    cs.add(new Consumer(s.get(), lookup.millis(s.get(), s.get().outChannels()), m.node().index()));
                }
            }
            producers.put(g.id(), ps);
            consumers.put(g.id(), cs);
        }
    }

    /** A model reading (and, where missing, measuring and caching) {@code table}. */
    public static LatencyModel of(Workspace ws, LatencyTable table, CancellationToken cancel) {
        return new LatencyModel(ws, (s, c) -> table.millis(s, c, cancel));
    }

    public static LatencyModel of(Workspace ws, Lookup lookup) {
        return new LatencyModel(ws, lookup);
    }

    /** Sum of every convolution's latency at full width, per the table. */
    public double totalMs() {
        return totalMs;
    }

    /**
     * A model from the table's cached entries only (interpolated between measured counts), for the workbench: NaN
     * predictions where the table has nothing to go on.
     */
    public static LatencyModel cachedOnly(Workspace ws, LatencyTable table) {
        return new LatencyModel(ws, table::cachedMillis);
    }

    /**
     * Predicted fraction of conv latency saved by a whole decision (NaN when the table cannot tell). Per convolution,
     * not per group: a layer that produces one pruned group and consumes another loses both filters and input
     * channels, and adding the two groups' savings would count the overlap twice. Each convolution is predicted as
     * its table latency at the kept filter count times the fraction of input channels kept.
     */
    public double savedFraction(io.prunescope.prune.PruneDecision decision) {
        Map<Integer, Integer> outRemoved = new HashMap<>();
        Map<Integer, Integer> inRemoved = new HashMap<>();
        Map<Integer, ConvShape> shapes = new HashMap<>();
        for (Map.Entry<Integer, int[]> e : decision.removedUnits().entrySet()) {
            int removed = e.getValue() == null ? 0 : e.getValue().length;
            if (removed == 0) {
                continue;
            }
            for (Producer p : producers.getOrDefault(e.getKey(), List.of())) {
                outRemoved.merge(p.node(), removed, Math::max);
                shapes.put(p.node(), p.shape());
            }
            for (Consumer c : consumers.getOrDefault(e.getKey(), List.of())) {
                inRemoved.merge(c.node(), removed, Integer::sum);
                shapes.put(c.node(), c.shape());
            }
        }
        double saved = 0;
        for (Map.Entry<Integer, ConvShape> e : shapes.entrySet()) {
            ConvShape s = e.getValue();
            double full = lookup.millis(s, s.outChannels());
            int out = Math.max(1, s.outChannels() - outRemoved.getOrDefault(e.getKey(), 0));
            double inKept = Math.max(0, 1.0 - (double) inRemoved.getOrDefault(e.getKey(), 0) / s.inChannels());
            saved += full - lookup.millis(s, out) * inKept;
        }
        return saved / totalMs;
    }

    /** Predicted fraction of conv latency saved by pruning group {@code groupId} alone at {@code ratio}. */
    public double savedFraction(int groupId, double ratio) {
        Integer n = units.get(groupId);
        if (n == null || n == 0 || ratio <= 0) {
            return 0;
        }
        return savedFractionRemoving(groupId, n - UnitSelection.keptCount(n, ratio, 1));
    }

    /** Predicted fraction of conv latency saved by removing {@code removed} channels of group {@code groupId}. */
    public double savedFractionRemoving(int groupId, int removed) {
        if (!units.containsKey(groupId) || totalMs <= 0 || removed <= 0) {
            return 0;
        }
        double saved = 0;
        for (Producer p : producers.get(groupId)) {
            int kept = Math.max(1, p.units() - removed);
            saved += lookup.millis(p.shape(), p.units()) - lookup.millis(p.shape(), kept);
        }
        for (Consumer c : consumers.get(groupId)) {
            saved += c.fullMs() * Math.min(1.0, (double) removed / c.shape().inChannels());
        }
        return saved / totalMs;
    }
}
