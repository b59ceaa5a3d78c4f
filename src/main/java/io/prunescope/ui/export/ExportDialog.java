package io.prunescope.ui.export;

import io.prunescope.ui.Fxml;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * File ▸ Export…: choose the files, folder and base name, export and verify on the worker with progress and
 * Cancel, and read the verification result. Closing the dialog cancels a running export.
 */
public final class ExportDialog extends Dialog<Void> {

    private static final PseudoClass PASSED = PseudoClass.getPseudoClass("passed");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    @FXML private Node root;
    @FXML private CheckBox hardBox;
    @FXML private CheckBox softBox;
    @FXML private CheckBox planBox;
    @FXML private TextField folderField;
    @FXML private Button browseButton;
    @FXML private TextField baseField;
    @FXML private Label filesLabel;
    @FXML private Button exportButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label messageLabel;
    @FXML private Button cancelButton;
    @FXML private Label verdict;
    @FXML private TextArea resultArea;

    private final ExportViewModel vm;

    public ExportDialog(Window owner, ExportViewModel vm, String modelName) {
        this.vm = vm;
        initOwner(owner);
        setTitle("Export");
        setHeaderText("Export the pruned " + modelName);
        setResizable(true);
        Fxml.load(this, "ExportDialog.fxml");
        getDialogPane().setContent(root);
        getDialogPane().setId("exportDialog");
        getDialogPane().getStyleClass().add("export-dialog");
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        setOnCloseRequest(e -> vm.cancel());
    }

    @FXML
    private void initialize() {
        hardBox.selectedProperty().bindBidirectional(vm.hardProperty());
        softBox.selectedProperty().bindBidirectional(vm.softProperty());
        planBox.selectedProperty().bindBidirectional(vm.planProperty());
        folderField.textProperty().bindBidirectional(vm.folderProperty());
        baseField.textProperty().bindBidirectional(vm.baseNameProperty());
        filesLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            if (!ExportViewModel.validBase(vm.baseNameProperty().get())) {
                return "enter a base name (no slashes)";
            }
            ExportRequest r = new ExportRequest(vm.hardProperty().get(), vm.softProperty().get(),
                    vm.planProperty().get(), Path.of("."), vm.baseNameProperty().get().trim());
            String s = r.files().stream().map(p -> p.getFileName().toString()).collect(Collectors.joining("\n"));
            return s.isEmpty() ? "choose at least one file" : s;
        }, vm.hardProperty(), vm.softProperty(), vm.planProperty(), vm.baseNameProperty()));
        for (Node n : new Node[]{hardBox, softBox, planBox, folderField, baseField, browseButton}) {
            n.disableProperty().bind(vm.runningProperty());
        }
        exportButton.disableProperty().bind(vm.canExport().not());
        exportButton.setOnAction(e -> vm.export());
        browseButton.setOnAction(e -> browse());
        progressBar.progressProperty().bind(vm.progressProperty());
        progressBar.visibleProperty().bind(vm.runningProperty());
        messageLabel.textProperty().bind(vm.messageProperty());
        cancelButton.visibleProperty().bind(vm.runningProperty());
        cancelButton.setOnAction(e -> vm.cancel());
        resultArea.textProperty().bind(vm.resultProperty());
        verdict.textProperty().bind(Bindings.createStringBinding(() -> {
            Boolean v = vm.verifiedProperty().get();
            return v == null ? "" : (v ? "✔ " : "✘ ") + vm.verdictProperty().get();
        }, vm.verifiedProperty(), vm.verdictProperty()));
        vm.verifiedProperty().addListener((obs, old, now) -> {
            verdict.pseudoClassStateChanged(PASSED, Boolean.TRUE.equals(now));
            verdict.pseudoClassStateChanged(FAILED, Boolean.FALSE.equals(now));
            if (now != null) {
                ExportNotification.show(getOwner() != null ? getOwner() : getDialogPane().getScene().getWindow(), now, vm.verdictProperty().get(),
                        vm.folderProperty().get());
            }
        });
    }

    private void browse() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export folder");
        File current = new File(vm.folderProperty().get());
        if (current.isDirectory()) {
            chooser.setInitialDirectory(current);
        }
        File f = chooser.showDialog(getOwner());
        if (f != null) {
            vm.folderProperty().set(f.getAbsolutePath());
        }
    }

    public ExportViewModel viewModel() {
        return vm;
    }
}
