package io.prunescope.dependency;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.model.Attribute;
import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;
import io.prunescope.ops.ChannelSpace;
import io.prunescope.ops.CouplingContext;
import io.prunescope.ops.MemberRole;
import io.prunescope.ops.OpRegistry;
import io.prunescope.ops.OpRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the channel groups by walking the graph once in topological order. Every tensor that carries channels
 * gets one union-find slot per channel; each node's op rule ({@link OpRegistry}) joins slots (channel k in is
 * channel k out; Concat shifts them; Flatten fans one channel out to H·W features), starts new ones (a conv's
 * filters), or — when its channel meaning is unknown — blocks the tensors it reads. Connected slots form a unit;
 * tensors joined through any slot form a group. This class is the {@link CouplingContext} the rules act on.
 */
final class DependencyBuilder implements CouplingContext {

    private final ModelAnalysis analysis;
    private final Graph graph;
    private final Map<String, long[]> shapes;
    private final UnionFind slots = new UnionFind();
    private final UnionFind tensorSets = new UnionFind();
    private final Map<String, ChannelSpace> spaces = new LinkedHashMap<>();
    private final List<ChannelSpace> spaceList = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private final Map<Coupling, String> couplings = new LinkedHashMap<>();
    private final Map<String, String> blocked = new LinkedHashMap<>();
    private final Map<String, String> lateBlocks = new LinkedHashMap<>();

    DependencyBuilder(ModelAnalysis analysis) {
        this.analysis = analysis;
        this.graph = analysis.model().graph();
        this.shapes = analysis.shapes();
    }

    DependencyGraph build() {
        for (Node n : graph.nodes()) {
            visit(n);
        }
        // After the walk: the reader's order may put an If before the producers of the outer values it reads.
        lateBlocks.forEach(this::block);
        graph.outputs().forEach(o -> block(o.name(), "reaches the model output '" + o.name() + "'"));
        return assemble();
    }

    // ---- ops: each node's rule acts on this context -------------------------------------------------------

    private void visit(Node n) {
        Optional<OpRule> rule = OpRegistry.rule(n);
        if (rule.isPresent()) {
            rule.get().coupling(this, n);
            return;
        }
        String why = OpRegistry.unknownReason(n);
        blockInputs(n, why);
        for (Attribute a : n.attributes().values()) {
            if (a instanceof Attribute.Subgraph sg) {
                sg.outerNames().forEach(t -> blockAfterWalk(t, why));
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    @Override
    public ChannelSpace passThrough(Node n, String input, String output) {
        ChannelSpace in = space(input);
        if (in == null) {
            return null;
        }
        return passThroughTo(n, in, output, in.axis());
    }

    @Override
    public ChannelSpace passThroughTo(Node n, ChannelSpace in, String output, int axis) {
        long[] outShape = shapes.get(output);
        if (outShape != null && (axis >= outShape.length || outShape[axis] != in.channels())) {
            block(in.tensor(), n.opType() + " '" + n.displayName() + "' changes the number of channels");
            return null;
        }
        ChannelSpace out = newSpace(output, axis, in.channels());
        join(in, 0, out, 0, in.channels());
        return out;
    }

    @Override
    public ChannelSpace space(String tensor) {
        return tensor == null || tensor.isEmpty() ? null : spaces.get(tensor);
    }

    @Override
    public Tensor constant(String tensor) {
        return tensor == null || tensor.isEmpty() ? null : io.prunescope.analysis.Weights.resolve(graph, tensor)
                .orElse(null);
    }

    @Override
    public ChannelSpace newSpace(String tensor, int axis, int channels) {
        ChannelSpace existing = spaces.get(tensor);
        if (existing != null) {
            return existing;
        }
        int first = slots.add(channels);
        int id = tensorSets.add(1);
        ChannelSpace s = new ChannelSpace(tensor, id, axis, channels, first);
        spaces.put(tensor, s);
        spaceList.add(s);
        return s;
    }

    @Override
    public void join(ChannelSpace a, int offsetA, ChannelSpace b, int offsetB, int count) {
        for (int c = 0; c < count; c++) {
            slots.union(a.firstSlot() + offsetA + c, b.firstSlot() + offsetB + c);
        }
        tensorSets.union(a.id(), b.id());
    }

    @Override
    public void couple(Node n, String tensor, String reason) {
        couplings.put(new Coupling(n, reason), tensor);
    }

    @Override
    public void block(String tensor, String reason) {
        if (spaces.containsKey(tensor)) {
            blocked.putIfAbsent(tensor, reason);
        }
    }

    @Override
    public void blockInputs(Node n, String reason) {
        for (String in : n.inputs()) {
            block(in, reason);
        }
    }

    @Override
    public void fanOut(Node n, ChannelSpace in, long[] inShape, String output, int outAxis) {
        long per = 1;
        for (int i = in.axis() + 1; i < inShape.length; i++) {
            per *= inShape[i];
        }
        ChannelSpace out = newSpace(output, outAxis, (int) (in.channels() * per));
        for (int c = 0; c < in.channels(); c++) {
            for (int k = 0; k < per; k++) {
                slots.union(in.firstSlot() + c, out.firstSlot() + (int) (c * per + k));
            }
        }
        tensorSets.union(in.id(), out.id());
        if (per > 1) {
            couple(n, out.tensor(), "Flatten: channel c becomes features c·" + per + " … c·" + per + "+"
                    + (per - 1) + " of the next layer");
        }
    }

    @Override
    public Graph graph() {
        return graph;
    }

    @Override
    public long opset() {
        return analysis.model().opset() > 0 ? analysis.model().opset() : 13;
    }

    @Override
    public long[] shape(String tensor) {
        return shapes.get(tensor);
    }

    @Override
    public long[] knownLongs(String tensor) {
        return analysis.knownLongs(tensor).orElse(null);
    }

    @Override
    public boolean sameGroup(ChannelSpace a, ChannelSpace b) {
        return tensorSets.find(a.id()) == tensorSets.find(b.id());
    }

    @Override
    public void member(Node n, MemberRole role, String tensor, String constant, int axis, int modulo) {
        members.add(new Member(n, role, tensor, constant, axis, modulo));
    }

    @Override
    public void blockInstead(String tensor, String reason) {
        if (spaces.containsKey(tensor)) {
            blocked.put(tensor, reason);
        }
    }

    @Override
    public void blockAfterWalk(String tensor, String reason) {
        lateBlocks.putIfAbsent(tensor, reason);
    }

    // ---- assembly -----------------------------------------------------------------------------------------

    private DependencyGraph assemble() {
        Map<Integer, List<ChannelSpace>> byGroup = new LinkedHashMap<>();
        for (ChannelSpace s : spaceList) {
            byGroup.computeIfAbsent(tensorSets.find(s.id()), k -> new ArrayList<>()).add(s);
        }
        Map<Integer, Integer> groupIdOfRoot = new HashMap<>();
        List<ChannelGroup> groups = new ArrayList<>();
        for (Map.Entry<Integer, List<ChannelSpace>> e : byGroup.entrySet()) {
            groupIdOfRoot.put(e.getKey(), groups.size());
            groups.add(null);
        }
        Map<Integer, List<Member>> membersByGroup = new HashMap<>();
        for (Member m : members) {
            membersByGroup.computeIfAbsent(groupIdOfRoot.get(tensorSets.find(spaces.get(m.tensor()).id())),
                    k -> new ArrayList<>()).add(m);
        }
        Map<Integer, List<Coupling>> couplingsByGroup = new HashMap<>();
        couplings.forEach((c, tensor) -> couplingsByGroup.computeIfAbsent(
                groupIdOfRoot.get(tensorSets.find(spaces.get(tensor).id())), k -> new ArrayList<>()).add(c));
        for (Map.Entry<Integer, List<ChannelSpace>> e : byGroup.entrySet()) {
            int gid = groupIdOfRoot.get(e.getKey());
            groups.set(gid, group(gid, e.getValue(), membersByGroup.getOrDefault(gid, List.of()),
                    couplingsByGroup.getOrDefault(gid, List.of())));
        }
        return new DependencyGraph(groups, spaces);
    }

    private ChannelGroup group(int gid, List<ChannelSpace> groupSpaces, List<Member> groupMembers,
                               List<Coupling> groupCouplings) {
        Map<Integer, List<int[]>> unitSlots = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (int si = 0; si < groupSpaces.size(); si++) {
            ChannelSpace s = groupSpaces.get(si);
            if (blocked.containsKey(s.tensor())) {
                reasons.put(s.tensor(), blocked.get(s.tensor()));
            }
            for (int c = 0; c < s.channels(); c++) {
                unitSlots.computeIfAbsent(slots.find(s.firstSlot() + c), k -> new ArrayList<>()).add(new int[]{si, c});
            }
        }
        List<ChannelUnit> units = new ArrayList<>(unitSlots.size());
        for (List<int[]> entries : unitSlots.values()) {
            String[] tensors = new String[entries.size()];
            int[] channels = new int[entries.size()];
            boolean prunable = true;
            for (int i = 0; i < entries.size(); i++) {
                ChannelSpace s = groupSpaces.get(entries.get(i)[0]);
                tensors[i] = s.tensor();
                channels[i] = entries.get(i)[1];
                prunable &= !blocked.containsKey(s.tensor());
            }
            units.add(new ChannelUnit(units.size(), tensors, channels, prunable));
        }
        List<String> tensors = groupSpaces.stream().map(ChannelSpace::tensor).toList();
        return new ChannelGroup(gid, tensors, units, groupMembers, groupCouplings, reasons);
    }
}
