package io.prunescope.dependency;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.ValueInfo;
import io.prunescope.ops.ChannelSpace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The channel groups of a model (DESIGN §5). Built once per analysed model by {@link DependencyBuilder}; immutable.
 */
public final class DependencyGraph {

    private final List<ChannelGroup> groups;
    private final Map<String, ChannelGroup> groupOfTensor = new HashMap<>();
    private final Map<String, ChannelSpace> spaces;

    DependencyGraph(List<ChannelGroup> groups, Map<String, ChannelSpace> spaces) {
        this.groups = List.copyOf(groups);
        this.spaces = Collections.unmodifiableMap(new LinkedHashMap<>(spaces));
        for (ChannelGroup g : this.groups) {
            g.tensors().forEach(t -> groupOfTensor.put(t, g));
        }
    }

    public static DependencyGraph of(ModelAnalysis analysis) {
        return new DependencyBuilder(analysis).build();
    }

    public List<ChannelGroup> groups() {
        return groups;
    }

    public Optional<ChannelGroup> groupOf(String tensor) {
        return Optional.ofNullable(groupOfTensor.get(tensor));
    }

    /** The group of a layer's output channels (its filters). */
    public Optional<ChannelGroup> outputGroup(Node layer) {
        return groupOf(layer.output(0));
    }

    /** The group of a layer's input channels (what channel pruning of this layer removes). */
    public Optional<ChannelGroup> inputGroup(Node layer) {
        return groupOf(layer.input(0));
    }

    public Optional<ChannelSpace> space(String tensor) {
        return Optional.ofNullable(spaces.get(tensor));
    }

    /** Groups with at least one prunable unit. */
    public List<ChannelGroup> prunableGroups() {
        List<ChannelGroup> out = new ArrayList<>();
        for (ChannelGroup g : groups) {
            if (g.isPrunable()) {
                out.add(g);
            }
        }
        return out;
    }

    static boolean isGraphOutput(Graph g, String tensor) {
        for (ValueInfo v : g.outputs()) {
            if (v.name().equals(tensor)) {
                return true;
            }
        }
        return false;
    }
}
