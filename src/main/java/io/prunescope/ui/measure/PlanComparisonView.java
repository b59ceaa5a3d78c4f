package io.prunescope.ui.measure;

import io.prunescope.ui.Fxml;
import io.prunescope.ui.Theme;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;

import java.io.File;
import java.util.Locale;
import java.util.function.Function;

/**
 * The "Plans" tab (PlanComparisonView.fxml; this class is its controller): keep the current plan under a name, the
 * table of kept plans, the scatter plot of metric against GFLOPs or latency with the Pareto front
 * ({@link PlanScatterChart}); a click on a point or "Make current" makes that plan current (undoable).
 */
public final class PlanComparisonView {

    @FXML private Node root;
    @FXML private TextField name;
    @FXML private Button keep;
    @FXML private Button measureAll;
    @FXML private Button cancel;
    @FXML private ProgressBar progress;
    @FXML private Label status;
    @FXML private SplitPane split;
    @FXML private TableView<PlanComparisonViewModel.Row> table;
    @FXML private TableColumn<PlanComparisonViewModel.Row, String> nameColumn;
    @FXML private TableColumn<PlanComparisonViewModel.Row, Number> paramsColumn;
    @FXML private TableColumn<PlanComparisonViewModel.Row, Number> macsColumn;
    @FXML private TableColumn<PlanComparisonViewModel.Row, Number> flopsColumn;
    @FXML private TableColumn<PlanComparisonViewModel.Row, Number> latencyColumn;
    @FXML private TableColumn<PlanComparisonViewModel.Row, Number> metricColumn;
    @FXML private TableColumn<PlanComparisonViewModel.Row, String> paretoColumn;
    @FXML private Button use;
    @FXML private Button export;
    @FXML private Button remove;
    @FXML private ComboBox<PlanComparisonViewModel.Axis> axis;
    @FXML private StackPane chartBox;

    private final PlanComparisonViewModel vm;
    private final ObservableValue<Theme> theme;
    private final ChartViewer viewer = new ChartViewer();
    private PlanScatterChart scatter;

    public PlanComparisonView(PlanComparisonViewModel vm, ObservableValue<Theme> theme) {
        this.vm = vm;
        this.theme = theme;
        Fxml.load(this, "PlanComparisonView.fxml");
    }

    @FXML
    private void initialize() {
        name.setPromptText(vm.nextName());
        keep.setOnAction(e -> {
            vm.keepCurrent(name.getText());
            name.clear();
            name.setPromptText(vm.nextName());
        });
        measureAll.setOnAction(e -> vm.measureAll());
        measureAll.disableProperty().bind(vm.runningProperty().or(Bindings.isEmpty(vm.rows())));
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.runningProperty().not());
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        status.textProperty().bind(vm.statusProperty());

        table.setItems(vm.rows());
        table.setPlaceholder(new Label("No kept plans: tune a plan, then Keep current plan."));
        nameColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        number(paramsColumn, r -> r.params(), "%,.0f");
        number(macsColumn, r -> r.macs() / 1e6, "%,.2f");
        number(flopsColumn, PlanComparisonViewModel.Row::gflops, "%.4f");
        number(latencyColumn, PlanComparisonViewModel.Row::latencyMs, "%.3f");
        number(metricColumn, r -> 100 * r.metric(), "%.2f");
        paretoColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(vm.front().contains(c.getValue())
                ? "✓" : ""));
        paretoColumn.setStyle("-fx-alignment: CENTER;");
        vm.front().addListener((ListChangeListener<PlanComparisonViewModel.Row>) c -> table.refresh());
        var none = table.getSelectionModel().selectedItemProperty().isNull();
        use.disableProperty().bind(none);
        export.disableProperty().bind(none);
        remove.disableProperty().bind(none);
        use.setOnAction(e -> vm.use(table.getSelectionModel().getSelectedItem()));
        remove.setOnAction(e -> vm.remove(table.getSelectionModel().getSelectedItem()));
        export.setOnAction(e -> exportSelected());
        axis.getItems().addAll(PlanComparisonViewModel.Axis.values());
        axis.valueProperty().bindBidirectional(vm.axisProperty());

        chartBox.getChildren().add(viewer);
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {
                PlanComparisonViewModel.Row r = scatter == null ? null : scatter.rowAt(event.getEntity());
                if (r != null) {
                    table.getSelectionModel().select(r);
                    vm.use(r);
                }
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {
            }
        });
        vm.rows().addListener((ListChangeListener<PlanComparisonViewModel.Row>) c -> draw());
        vm.front().addListener((ListChangeListener<PlanComparisonViewModel.Row>) c -> draw());
        theme.addListener((obs, old, now) -> draw());
        draw();
    }

    private void draw() {
        scatter = new PlanScatterChart(vm.rows(), vm.front(), vm.axisProperty().get());
        JFreeChart c = scatter.chart();
        ChartStyle.apply(c, theme.getValue());
        scatter.styleSeries();
        viewer.setChart(c);
    }

    private void exportSelected() {
        PlanComparisonViewModel.Row r = table.getSelectionModel().getSelectedItem();
        FileChooser fc = new FileChooser();
        fc.setTitle("Export kept plan " + r.name());
        fc.setInitialFileName(r.name().replaceAll("[^A-Za-z0-9._-]+", "-") + "-plan.json");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PruneScope plan", "*.json"));
        File f = fc.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            vm.export(r, f.toPath(), error -> status.setText(error == null ? "Wrote " + f.getName()
                    : "Could not write " + f.getName() + ": " + error));
        }
    }

    private static void number(TableColumn<PlanComparisonViewModel.Row, Number> col,
                               Function<PlanComparisonViewModel.Row, Number> value, String format) {
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        col.setStyle("-fx-alignment: CENTER-RIGHT;");
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Number n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : Double.isNaN(n.doubleValue()) ? "—"
                        : String.format(Locale.ROOT, format, n.doubleValue()));
            }
        });
    }

    public Node node() {
        return root;
    }

    /** The scatter plot, for tests. */
    PlanScatterChart scatter() {
        return scatter;
    }

    TableView<PlanComparisonViewModel.Row> table() {
        return table;
    }
}
