package io.prunescope.ui;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.model.Node;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import io.prunescope.prune.Preview;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.PruningPlan;
import io.prunescope.session.Workspace;

/**
 * The open document: the current analysis (null when nothing is open), the selected node, the theme and the
 * status line. The feature view models derive from it; views never talk to each other directly.
 */
public final class MainViewModel {

    private final ObjectProperty<ModelAnalysis> analysis = new SimpleObjectProperty<>(this, "analysis");
    private final ObjectProperty<Node> selectedNode = new SimpleObjectProperty<>(this, "selectedNode");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final StringProperty status = new SimpleStringProperty(this, "status", "Ready");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
    // Pruning state. The workspace is set with the analysis when a model opens; plan, decision and preview follow
    // every edit (decision and preview are computed off the FX thread, latest result wins).
    private final ObjectProperty<Workspace> workspace = new SimpleObjectProperty<>(this, "workspace");
    private final ObjectProperty<PruningPlan> plan = new SimpleObjectProperty<>(this, "plan");
    private final ObjectProperty<PruneDecision> decision = new SimpleObjectProperty<>(this, "decision");
    private final ObjectProperty<Preview> preview = new SimpleObjectProperty<>(this, "preview");
    /** Node indices to highlight in the network view: the channel group of the selected layer. */
    private final ObservableSet<Integer> highlightedNodes = FXCollections.observableSet();
    /** Names of the prunable layers selected in the layer table (several with Ctrl/Shift-click). */
    private final javafx.collections.ObservableList<String> selectedLayers = FXCollections.observableArrayList();

    public MainViewModel() {
        title.bind(Bindings.createStringBinding(() -> analysis.get() == null ? "PruneScope"
                : analysis.get().model().displayName() + " — PruneScope", analysis));
        analysis.addListener((obs, old, now) -> {
            selectedNode.set(null);
            selectedLayers.clear();
            highlightedNodes.clear();
        });
    }

    /**
     * A model was opened: the workspace, its analysis and the plan to start from become the document. Decision and
     * preview follow from the plan (computed off the FX thread).
     */
    public void install(Workspace w, PruningPlan startPlan) {
        decision.set(null);
        preview.set(null);
        plan.set(null);
        workspace.set(w);
        analysis.set(w.analysis());
        plan.set(startPlan);
    }

    public javafx.collections.ObservableList<String> selectedLayers() {
        return selectedLayers;
    }

    public ObjectProperty<ModelAnalysis> analysisProperty() {
        return analysis;
    }

    public ModelAnalysis getAnalysis() {
        return analysis.get();
    }

    public void setAnalysis(ModelAnalysis a) {
        analysis.set(a);
    }

    public ObjectProperty<Workspace> workspaceProperty() {
        return workspace;
    }

    public Workspace getWorkspace() {
        return workspace.get();
    }

    public ObjectProperty<PruningPlan> planProperty() {
        return plan;
    }

    public ObjectProperty<PruneDecision> decisionProperty() {
        return decision;
    }

    public ObjectProperty<Preview> previewProperty() {
        return preview;
    }

    public ObservableSet<Integer> highlightedNodes() {
        return highlightedNodes;
    }

    public ObjectProperty<Node> selectedNodeProperty() {
        return selectedNode;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Closes the model: the window goes back to its empty state. */
    public void close() {
        if (analysis.get() != null) {
            status.set("Closed " + analysis.get().model().displayName());
        }
        analysis.set(null);
        plan.set(null);
        decision.set(null);
        preview.set(null);
        workspace.set(null);
    }
}
