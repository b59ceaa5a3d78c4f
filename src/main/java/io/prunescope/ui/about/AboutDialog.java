package io.prunescope.ui.about;

import io.prunescope.ui.AppIcons;
import io.prunescope.ui.Fxml;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.stage.Window;

import java.util.function.Function;

/** Help ▸ About PruneScope: the form in AboutDialog.fxml bound to an {@link AboutViewModel}. */
public final class AboutDialog extends Dialog<Void> {

    @FXML private Node root;
    @FXML private ImageView icon;
    @FXML private Label title;
    @FXML private Label versions;
    @FXML private TableView<AboutViewModel.LibraryRow> libraries;
    @FXML private TableColumn<AboutViewModel.LibraryRow, String> nameColumn;
    @FXML private TableColumn<AboutViewModel.LibraryRow, String> versionColumn;
    @FXML private TableColumn<AboutViewModel.LibraryRow, String> licenceColumn;
    @FXML private TableColumn<AboutViewModel.LibraryRow, String> urlColumn;
    @FXML private TextArea notices;

    public AboutDialog(Window owner, AboutViewModel vm) {
        initOwner(owner);
        setTitle("About PruneScope");
        Fxml.load(this, "AboutDialog.fxml");
        icon.setImage(AppIcons.of(64));
        title.textProperty().bind(vm.titleProperty());
        versions.textProperty().bind(vm.versionsProperty());
        column(nameColumn, AboutViewModel.LibraryRow::name);
        column(versionColumn, AboutViewModel.LibraryRow::version);
        column(licenceColumn, AboutViewModel.LibraryRow::licence);
        column(urlColumn, AboutViewModel.LibraryRow::url);
        libraries.setItems(vm.libraries());
        notices.textProperty().bind(vm.noticesProperty());
        getDialogPane().setContent(root);
        getDialogPane().setId("aboutDialog");
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        setResizable(true);
    }

    private static void column(TableColumn<AboutViewModel.LibraryRow, String> column,
                               Function<AboutViewModel.LibraryRow, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }
}
