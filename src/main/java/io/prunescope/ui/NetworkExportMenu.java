package io.prunescope.ui;

import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;

/** The network toolbar's "Picture" menu: the whole network or the visible part, as PNG or SVG. */
final class NetworkExportMenu {

    private final MenuButton button = new MenuButton("Picture");

    NetworkExportMenu(NetworkView view, NetworkViewModel vm) {
        button.setId("networkPicture");
        button.getStyleClass().add("network-tool-button");
        button.getItems().addAll(
                item("Whole network as PNG…", view, vm, true, "png"),
                item("Whole network as SVG…", view, vm, true, "svg"),
                item("Visible part as PNG…", view, vm, false, "png"),
                item("Visible part as SVG…", view, vm, false, "svg"));
        button.disableProperty().bind(vm.diagramProperty().isNull().or(vm.layingOutProperty()));
    }

    private MenuItem item(String text, NetworkView view, NetworkViewModel vm, boolean whole, String ext) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(text.replace("…", ""));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase() + " image", "*." + ext));
            chooser.setInitialFileName("network." + ext);
            Window owner = view.getScene() == null ? null : view.getScene().getWindow();
            File f = chooser.showSaveDialog(owner);
            if (f == null) {
                return;
            }
            Path p = f.toPath();
            try {
                if (ext.equals("png")) {
                    view.exportPng(p, whole);
                } else {
                    view.exportSvg(p, whole);
                }
                vm.statusProperty().set("Network picture written to " + p);
            } catch (Exception ex) {
                vm.statusProperty().set("Could not write " + p + ": " + ex.getMessage());
            }
        });
        return item;
    }

    MenuButton node() {
        return button;
    }
}
