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

    public MainViewModel() {
        title.bind(Bindings.createStringBinding(() -> analysis.get() == null ? "PruneScope"
                : analysis.get().model().displayName() + " — PruneScope", analysis));
        analysis.addListener((obs, old, now) -> selectedNode.set(null));
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
    }
}
