package io.prunescope.dependency;

import io.prunescope.model.Node;
import io.prunescope.ops.MemberRole;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tensors whose channels are coupled (DESIGN §5): removing a unit removes its channel from every tensor of the
 * group and changes every member. A group is prunable when at least one unit is; {@link #blockedReasons()} says
 * why the others are not.
 */
public final class ChannelGroup {

    private final int id;
    private final List<String> tensors;
    private final List<ChannelUnit> units;
    private final List<Member> members;
    private final List<Coupling> couplings;
    private final Map<String, String> blockedReasons;

    ChannelGroup(int id, List<String> tensors, List<ChannelUnit> units, List<Member> members,
                 List<Coupling> couplings, Map<String, String> blockedReasons) {
        this.id = id;
        this.tensors = List.copyOf(tensors);
        this.units = List.copyOf(units);
        this.members = List.copyOf(members);
        this.couplings = List.copyOf(couplings);
        this.blockedReasons = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(blockedReasons));
    }

    public int id() {
        return id;
    }

    public List<String> tensors() {
        return tensors;
    }

    public List<ChannelUnit> units() {
        return units;
    }

    public List<Member> members() {
        return members;
    }

    public List<Coupling> couplings() {
        return couplings;
    }

    /** Tensor → why its channels cannot be removed. */
    public Map<String, String> blockedReasons() {
        return blockedReasons;
    }

    public List<ChannelUnit> prunableUnits() {
        return units.stream().filter(ChannelUnit::prunable).toList();
    }

    public boolean isPrunable() {
        return units.stream().anyMatch(ChannelUnit::prunable);
    }

    /** A one-line reason when nothing in the group can be pruned, else null. */
    public String whyNotPrunable() {
        if (isPrunable()) {
            return null;
        }
        return blockedReasons.isEmpty() ? "no channels" : blockedReasons.values().iterator().next();
    }

    public List<Member> members(MemberRole role) {
        return members.stream().filter(m -> m.role() == role).toList();
    }

    /** Nodes whose filters are the group's channels (the layers a person thinks of as "this group"). */
    public List<Node> producers() {
        return members.stream().filter(m -> m.role() == MemberRole.PRODUCER || m.role() == MemberRole.DEPTHWISE)
                .map(Member::node).distinct().toList();
    }

    /** Every node the group changes. */
    public Set<Node> nodes() {
        Set<Node> out = new LinkedHashSet<>();
        members.forEach(m -> out.add(m.node()));
        return out;
    }

    /** Channel indices removed from each tensor when the given units are removed. */
    public Map<String, BitSet> removedChannels(Collection<ChannelUnit> removed) {
        Map<String, BitSet> out = new HashMap<>();
        for (ChannelUnit u : removed) {
            for (int i = 0; i < u.tensors().length; i++) {
                out.computeIfAbsent(u.tensors()[i], k -> new BitSet()).set(u.channels()[i]);
            }
        }
        return out;
    }

    /** Distinct human-readable coupling reasons, for the inspector. */
    public List<String> couplingReasons() {
        List<String> out = new ArrayList<>();
        for (Coupling c : couplings) {
            String r = c.reason() + " (" + c.node().displayName() + ")";
            if (!out.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "group " + id + ": " + units.size() + " units, producers " + producers().stream()
                .map(Node::displayName).toList();
    }
}
