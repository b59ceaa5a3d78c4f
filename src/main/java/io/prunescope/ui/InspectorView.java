package io.prunescope.ui;

import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** The right panel: a form (InspectorView.fxml) bound to an {@link InspectorViewModel}. This class is its controller. */
public final class InspectorView {

    @FXML private Node root;
    @FXML private Node details;
    @FXML private javafx.scene.layout.VBox content;
    @FXML private Label placeholder;
    @FXML private Label nameValue;
    @FXML private Label opValue;
    @FXML private Label kindValue;
    @FXML private Label weightShapeValue;
    @FXML private Label inputsValue;
    @FXML private Label outputsValue;
    @FXML private Label paramsValue;
    @FXML private Label macsValue;

    private final InspectorViewModel vm;

    public InspectorView(InspectorViewModel vm) {
        this(vm, null);
    }

    /** With {@code extra} (the pruning panel) below the details, in the same scroll pane. */
    public InspectorView(InspectorViewModel vm, Node extra) {
        this.vm = vm;
        Fxml.load(this, "InspectorView.fxml");
        if (extra != null) {
            content.getChildren().add(extra);
        }
    }

    @FXML
    private void initialize() {
        details.visibleProperty().bind(vm.hasSelectionProperty());
        details.managedProperty().bind(details.visibleProperty());
        placeholder.visibleProperty().bind(vm.hasSelectionProperty().not());
        placeholder.managedProperty().bind(placeholder.visibleProperty());
        nameValue.textProperty().bind(vm.nameProperty());
        opValue.textProperty().bind(vm.opProperty());
        kindValue.textProperty().bind(vm.kindProperty());
        weightShapeValue.textProperty().bind(vm.weightShapeProperty());
        inputsValue.textProperty().bind(vm.inputsProperty());
        outputsValue.textProperty().bind(vm.outputsProperty());
        paramsValue.textProperty().bind(vm.paramsProperty());
        macsValue.textProperty().bind(vm.macsProperty());
    }

    public Node node() {
        return root;
    }
}
