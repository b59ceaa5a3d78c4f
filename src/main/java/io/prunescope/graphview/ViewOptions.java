package io.prunescope.graphview;

import java.util.HashSet;
import java.util.Set;

/**
 * How the network is shown: everything (as the file has it) or folded; which fold markers are expanded (by host
 * node index); which modules are collapsed (by path). Immutable; each change gives a new options value.
 */
public record ViewOptions(boolean showEverything, Set<Integer> expandedHosts, Set<String> collapsedModules) {

    public ViewOptions {
        expandedHosts = Set.copyOf(expandedHosts);
        collapsedModules = Set.copyOf(collapsedModules);
    }

    /** The default: folded, nothing expanded, nothing collapsed. */
    public static ViewOptions folded() {
        return new ViewOptions(false, Set.of(), Set.of());
    }

    public ViewOptions withShowEverything(boolean on) {
        return new ViewOptions(on, expandedHosts, collapsedModules);
    }

    /** Expands a fold marker, or folds it again. */
    public ViewOptions toggleHost(int hostIndex) {
        Set<Integer> s = new HashSet<>(expandedHosts);
        if (!s.remove(hostIndex)) {
            s.add(hostIndex);
        }
        return new ViewOptions(showEverything, s, collapsedModules);
    }

    public ViewOptions withCollapsed(Set<String> paths) {
        return new ViewOptions(showEverything, expandedHosts, paths);
    }

    public ViewOptions collapse(String path) {
        Set<String> s = new HashSet<>(collapsedModules);
        s.add(path);
        return withCollapsed(s);
    }

    public ViewOptions expand(String path) {
        Set<String> s = new HashSet<>(collapsedModules);
        s.remove(path);
        return withCollapsed(s);
    }
}
