package io.prunescope.ui;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The strip under the panels: model name, model-wide counts, and costs before → after the plan. */
public final class SummaryBar extends HBox {

    public SummaryBar(SummaryViewModel vm) {
        getStyleClass().add("summary-bar");
        setId("summaryBar");
        Label name = new Label();
        name.setId("summaryModel");
        name.getStyleClass().add("summary-model");
        name.textProperty().bind(vm.modelNameProperty());
        name.setMinWidth(60); // the file name gives way first: the figures keep their labels at 1280 px
        // The figures wrap onto a second line when the window is too narrow for one (1280 px with a plan and the
        // latency shown): neither cut to "…" nor pushing the window's right edge off screen.
        FlowPane figures = new FlowPane(12, 4);
        figures.setAlignment(Pos.CENTER_RIGHT);
        figures.setMinWidth(0);
        figures.setPrefWrapLength(0);
        HBox.setHgrow(figures, Priority.ALWAYS);
        getChildren().addAll(name, figures);
        figures.getChildren().addAll(
                figure("Nodes", "summaryNodes", vm.nodesProperty()), separator(),
                figure("Prunable layers", "summaryPrunable", vm.prunableProperty()), separator(),
                figure("Params", "summaryParams", vm.paramsProperty()), separator(),
                figure("MACs", "summaryMacs", vm.macsProperty()), separator(),
                figure("GFLOPs", "summaryGflops", vm.gflopsProperty()), separator(),
                figure("Latency", "summaryLatency", vm.latencyProperty()), separator(),
                figure("Sparsity", "summarySparsity", vm.sparsityProperty()));
    }

    private static Separator separator() {
        return new Separator(Orientation.VERTICAL);
    }

    private static HBox figure(String caption, String id, ObservableStringValue value) {
        Label c = new Label(caption);
        c.getStyleClass().add("summary-caption");
        Label v = new Label();
        v.setId(id);
        v.getStyleClass().addAll("summary-value", "mono");
        v.textProperty().bind(value);
        c.setMinWidth(Region.USE_PREF_SIZE);
        v.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(6, c, v);
        box.setMinWidth(Region.USE_PREF_SIZE);
        box.getStyleClass().add("summary-figure");
        return box;
    }
}
