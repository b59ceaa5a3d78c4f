package io.prunescope.ui;

import io.prunescope.model.InputBindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Asks for sizes of symbolic input dimensions (form in DimensionsDialog.fxml, one row per question). */
public final class DimensionsDialog extends Dialog<InputBindings> {

    @FXML private Node root;
    @FXML private Label intro;
    @FXML private GridPane grid;

    public DimensionsDialog(Window owner, DimensionsViewModel vm, InputBindings base) {
        initOwner(owner);
        setTitle("Input sizes");
        setHeaderText("Input sizes for " + vm.modelName());
        Fxml.load(this, "DimensionsDialog.fxml");
        int row = 0;
        for (DimensionsViewModel.Entry e : vm.entries()) {
            Label label = new Label(e.label());
            label.getStyleClass().add("field-label");
            TextField field = new TextField();
            field.setId("dim-" + row);
            field.getStyleClass().add("mono");
            field.setPrefColumnCount(12);
            field.textProperty().bindBidirectional(e.valueProperty());
            e.validBinding().addListener((obs, was, ok) -> field.pseudoClassStateChanged(
                    javafx.css.PseudoClass.getPseudoClass("invalid"), !ok));
            grid.addRow(row++, label, field);
        }
        getDialogPane().setContent(root);
        getDialogPane().getStyleClass().add("dimensions-dialog");
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(vm.allValidBinding().not());
        setResultConverter(b -> b == ButtonType.OK ? vm.toBindings(base) : null);
    }
}
