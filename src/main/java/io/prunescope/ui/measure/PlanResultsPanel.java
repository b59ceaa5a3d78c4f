package io.prunescope.ui.measure;

import io.prunescope.measure.PlanMeasurement;
import io.prunescope.ui.Fxml;
import io.prunescope.ui.Theme;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The "Plan results" tab (PlanResultsPanel.fxml; this class is its controller): Measure plan with the number of
 * images, progress and Cancel; a table metric | original | pruned | change; a bar chart of the metric and the
 * latency of both models. Bound to a {@link PlanMeasureViewModel}.
 */
public final class PlanResultsPanel {

    @FXML private Node root;
    @FXML private Button measure;
    @FXML private Button cancel;
    @FXML private Spinner<Integer> limit;
    @FXML private ProgressBar progress;
    @FXML private Label status;
    @FXML private Label data;
    @FXML private TableView<MetricRow> table;
    @FXML private TableColumn<MetricRow, String> metricColumn;
    @FXML private TableColumn<MetricRow, MetricRow> originalColumn;
    @FXML private TableColumn<MetricRow, MetricRow> prunedColumn;
    @FXML private TableColumn<MetricRow, MetricRow> changeColumn;
    @FXML private StackPane chartBox;

    private final PlanMeasureViewModel vm;
    private final ObservableValue<Theme> theme;
    private final ChartViewer metricChart = new ChartViewer();
    private final ChartViewer latencyChart = new ChartViewer();
    /** Kept: a bidirectional binding holds its ends weakly. */
    private ObjectProperty<Integer> limitValue;

    public PlanResultsPanel(PlanMeasureViewModel vm, ObservableValue<Theme> theme) {
        this.vm = vm;
        this.theme = theme;
        Fxml.load(this, "PlanResultsPanel.fxml");
    }

    @FXML
    private void initialize() {
        measure.setOnAction(e -> {
            limit.commitValue();
            vm.measure();
        });
        measure.disableProperty().bind(vm.runningProperty());
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.runningProperty().not());
        limit.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 1_000_000,
                vm.limitProperty().get(), 64));
        limitValue = vm.limitProperty().asObject();
        limit.getValueFactory().valueProperty().bindBidirectional(limitValue);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        status.textProperty().bind(vm.statusProperty());
        data.textProperty().bind(Bindings.createStringBinding(() -> vm.shownProperty().get() == null
                ? "Not measured yet for this plan and data: Measure plan compares its hard export with the original "
                + "(the bundled sample's images; random inputs for other models)." : "", vm.shownProperty()));
        data.managedProperty().bind(data.textProperty().isNotEmpty());
        table.setItems(vm.rows());
        table.setPlaceholder(new Label("No measurement of this plan yet."));
        MetricTables.configure(metricColumn, originalColumn, prunedColumn, changeColumn);
        javafx.scene.layout.HBox charts = new javafx.scene.layout.HBox(6, metricChart, latencyChart);
        javafx.scene.layout.HBox.setHgrow(metricChart, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.HBox.setHgrow(latencyChart, javafx.scene.layout.Priority.ALWAYS);
        chartBox.getChildren().add(charts);
        vm.shownProperty().addListener((obs, old, now) -> drawChart(now));
        theme.addListener((obs, old, now) -> drawChart(vm.shownProperty().get()));
        drawChart(vm.shownProperty().get());
    }

    /** Two bar charts, one unit each: the metric in % and the median latency in ms. */
    private void drawChart(PlanMeasurement m) {
        String metric = m == null ? "metric" : PlanMeasureViewModel.metricLabel(m.metric());
        metricChart.setChart(bars(metric, metric + " (%)", m == null ? null
                : new double[]{100 * m.originalMetric(), 100 * m.prunedMetric()}));
        latencyChart.setChart(bars("Latency", "median latency, one input (ms)", m == null ? null
                : new double[]{m.originalMs(), m.prunedMs()}));
    }

    private JFreeChart bars(String title, String axis, double[] values) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        if (values != null) {
            d.addValue(values[0], "value", "original");
            d.addValue(values[1], "value", "pruned");
        }
        JFreeChart c = ChartFactory.createBarChart(title, null, axis, d, PlotOrientation.VERTICAL, false, true,
                false);
        ChartStyle.apply(c, theme.getValue());
        org.jfree.chart.renderer.category.BarRenderer r =
                (org.jfree.chart.renderer.category.BarRenderer) c.getCategoryPlot().getRenderer();
        r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.25);
        r.setSeriesPaint(0, new java.awt.Color(0x3b82c4));
        return c;
    }

    public Node node() {
        return root;
    }

    /** The metric's bar chart, for tests. */
    JFreeChart metricChart() {
        return metricChart.getChart();
    }
}
