package io.prunescope.ui;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.NodeCost;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.List;
import java.util.stream.Collectors;

/** Details of the selected node as display strings; empty when nothing is selected. */
public final class InspectorViewModel {

    private final MainViewModel document;
    private final ReadOnlyBooleanWrapper hasSelection = new ReadOnlyBooleanWrapper(this, "hasSelection");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    private final ReadOnlyStringWrapper op = new ReadOnlyStringWrapper(this, "op", "");
    private final ReadOnlyStringWrapper kind = new ReadOnlyStringWrapper(this, "kind", "");
    private final ReadOnlyStringWrapper weightShape = new ReadOnlyStringWrapper(this, "weightShape", "");
    private final ReadOnlyStringWrapper inputs = new ReadOnlyStringWrapper(this, "inputs", "");
    private final ReadOnlyStringWrapper outputs = new ReadOnlyStringWrapper(this, "outputs", "");
    private final ReadOnlyStringWrapper params = new ReadOnlyStringWrapper(this, "params", "");
    private final ReadOnlyStringWrapper macs = new ReadOnlyStringWrapper(this, "macs", "");

    public InspectorViewModel(MainViewModel document) {
        this.document = document;
        document.selectedNodeProperty().addListener((obs, old, now) -> show(now));
        show(document.selectedNodeProperty().get());
    }

    private void show(Node node) {
        ModelAnalysis a = document.getAnalysis();
        hasSelection.set(node != null && a != null);
        if (node == null || a == null) {
            for (ReadOnlyStringWrapper p : List.of(name, op, kind, weightShape, inputs, outputs, params, macs)) {
                p.set("");
            }
            return;
        }
        Graph g = a.model().graph();
        name.set(node.displayName());
        op.set(node.domain() == null || node.domain().isEmpty() ? node.opType() : node.domain() + "." + node.opType());
        PrunableLayer layer = a.layer(node.displayName()).orElse(null);
        kind.set(layer == null ? "not prunable" : describe(layer));
        weightShape.set(layer != null ? Formats.shape(layer.weight().dims())
                : node.inputs().stream().filter(g::isConstant).findFirst()
                .map(t -> Formats.shape(g.constants().get(t).dims())).orElse(Formats.NONE));
        inputs.set(tensors(a, node.inputs()));
        outputs.set(tensors(a, node.outputs()));
        NodeCost cost = a.cost(node);
        params.set(cost == null ? Formats.NONE : Formats.count(cost.params()));
        macs.set(cost == null ? Formats.NONE : Formats.count(cost.macs()));
    }

    private static String describe(PrunableLayer l) {
        String s = l.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ", "
                + Formats.count(l.outputUnits()) + " out × " + Formats.count(l.inputUnits()) + " in";
        if (l.isDepthwise()) {
            return s + ", depthwise";
        }
        return l.groups() > 1 ? s + ", " + l.groups() + " groups" : s;
    }

    private static String tensors(ModelAnalysis a, List<String> names) {
        return names.stream().filter(n -> !n.isEmpty())
                .map(n -> n + "  " + TensorShapes.describe(a, n) + (a.model().graph().isConstant(n) ? "  (const)" : ""))
                .collect(Collectors.joining("\n"));
    }

    public ReadOnlyBooleanProperty hasSelectionProperty() {
        return hasSelection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty opProperty() {
        return op.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty kindProperty() {
        return kind.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty weightShapeProperty() {
        return weightShape.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty inputsProperty() {
        return inputs.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty outputsProperty() {
        return outputs.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty paramsProperty() {
        return params.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty macsProperty() {
        return macs.getReadOnlyProperty();
    }
}
