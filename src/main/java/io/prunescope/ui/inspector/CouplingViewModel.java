package io.prunescope.ui.inspector;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.dependency.ChannelGroup;
import io.prunescope.model.Node;
import io.prunescope.session.Workspace;
import io.prunescope.ui.MainViewModel;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Coupling made visible (DESIGN §5): the selected node's output channel group. Its nodes become the document's
 * highlighted nodes (the network view draws them), and the inspector lists how many layers the group couples and
 * why.
 */
public final class CouplingViewModel {

    private final MainViewModel document;
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(this, "visible");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper members = new ReadOnlyStringWrapper(this, "members", "");
    private final ObservableList<String> reasons = FXCollections.observableArrayList();

    public CouplingViewModel(MainViewModel document) {
        this.document = document;
        document.selectedNodeProperty().addListener((obs, old, now) -> show(now));
        document.workspaceProperty().addListener((obs, old, now) -> show(document.selectedNodeProperty().get()));
    }

    private void show(Node node) {
        Workspace w = document.getWorkspace();
        Optional<ChannelGroup> group = w == null || node == null || node.outputs().isEmpty() ? Optional.empty()
                : w.dependencies().outputGroup(node);
        if (group.isEmpty()) {
            document.highlightedNodes().clear();
            visible.set(false);
            summary.set("");
            members.set("");
            reasons.clear();
            return;
        }
        ChannelGroup g = group.get();
        Set<Integer> ids = new HashSet<>();
        g.nodes().forEach(n -> ids.add(n.index()));
        document.highlightedNodes().retainAll(ids);
        document.highlightedNodes().addAll(ids);
        ModelAnalysis a = w.analysis();
        List<String> layers = g.nodes().stream().filter(n -> n.index() != node.index())
                .filter(n -> a.layer(n.displayName()).isPresent()).map(Node::displayName).distinct().toList();
        visible.set(true);
        summary.set("Coupled with " + layers.size() + (layers.size() == 1 ? " layer" : " layers")
                + " · " + g.units().size() + " channels" + (g.isPrunable() ? "" : " · not prunable"));
        members.set(String.join(", ", layers));
        reasons.setAll(g.couplingReasons());
        if (!g.isPrunable() && g.whyNotPrunable() != null) {
            reasons.add(0, "not prunable: " + g.whyNotPrunable());
        }
    }

    public ReadOnlyBooleanProperty visibleProperty() {
        return visible.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty membersProperty() {
        return members.getReadOnlyProperty();
    }

    public ObservableList<String> reasons() {
        return reasons;
    }
}
