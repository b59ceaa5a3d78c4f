package io.prunescope.ui;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The bottom line: what happened last, and while a model loads its progress with a Cancel button.
 *
 * <p>The bar is as tall with the progress row as without it. Growing by two pixels when a load starts and shrinking
 * when it ends resized every panel above it, so the whole window was laid out and painted again twice per open
 * (48–76 ms of software painting each, issue 13's time to interactive).
 */
public final class StatusBar extends HBox {

    private final HBox busy;

    public StatusBar(MainViewModel document, ModelLoader loader) {
        getStyleClass().add("status-bar");
        Label status = new Label();
        status.setId("statusText");
        status.getStyleClass().add("status-text");
        status.textProperty().bind(document.statusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Label message = new Label();
        message.getStyleClass().add("status-progress-text");
        message.textProperty().bind(loader.messageProperty());
        ProgressBar bar = new ProgressBar();
        bar.setId("loadProgress");
        bar.setPrefWidth(160);
        bar.progressProperty().bind(loader.progressProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelLoad");
        cancel.getStyleClass().add("small-button");
        cancel.setOnAction(e -> loader.cancel());
        busy = new HBox(8, message, bar, cancel);
        busy.getStyleClass().add("status-busy");
        busy.visibleProperty().bind(loader.busyProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        getChildren().addAll(status, spacer, busy);
    }

    @Override
    protected double computeMinHeight(double width) {
        return Math.max(super.computeMinHeight(width), withBusyRow());
    }

    @Override
    protected double computePrefHeight(double width) {
        return Math.max(super.computePrefHeight(width), withBusyRow());
    }

    /** The height the bar has while the progress row shows, counted also while the row is hidden. */
    private double withBusyRow() {
        return snappedTopInset() + busy.prefHeight(-1) + snappedBottomInset();
    }
}
