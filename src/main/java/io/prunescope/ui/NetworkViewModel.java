package io.prunescope.ui;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.model.Node;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/** The network drawn as one box per node in topological order; selection is the document's. */
public final class NetworkViewModel {

    /** One box: {@code feedsNext} when the next node reads this node's output (drawn as a connector). */
    public record Box(Node node, String op, String name, String shape, boolean prunable, boolean feedsNext) {
    }

    private final ObservableList<Box> boxes = FXCollections.observableArrayList();
    private final MainViewModel document;

    public NetworkViewModel(MainViewModel document) {
        this.document = document;
        document.analysisProperty().addListener((obs, old, now) -> boxes.setAll(build(now)));
        boxes.setAll(build(document.getAnalysis()));
    }

    static List<Box> build(ModelAnalysis a) {
        if (a == null) {
            return List.of();
        }
        List<Node> nodes = a.model().graph().nodes();
        List<Box> out = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            boolean feeds = i + 1 < nodes.size() && nodes.get(i + 1).inputs().stream()
                    .anyMatch(t -> !t.isEmpty() && n.outputs().contains(t));
            out.add(new Box(n, n.opType(), n.displayName(), TensorShapes.describe(a, n.output(0)),
                    a.layer(n.displayName()).isPresent(), feeds));
        }
        return out;
    }

    public ObservableList<Box> boxes() {
        return FXCollections.unmodifiableObservableList(boxes);
    }

    public ObjectProperty<Node> selectedNodeProperty() {
        return document.selectedNodeProperty();
    }

    public ObjectProperty<Theme> themeProperty() {
        return document.themeProperty();
    }
}
