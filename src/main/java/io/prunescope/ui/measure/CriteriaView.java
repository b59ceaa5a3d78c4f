package io.prunescope.ui.measure;

import io.prunescope.prune.criteria.Criterion;
import io.prunescope.report.CriteriaChart;
import io.prunescope.ui.Fxml;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.Locale;
import java.util.function.Function;

/**
 * The Criteria tab (CriteriaView.fxml) bound to a {@link CriteriaViewModel}: criteria check boxes, ratios, recovery,
 * Compare with progress and Cancel, then {@link CriteriaChart}'s chart and a table of the plans. FXML controller.
 */
public final class CriteriaView {

    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    @FXML private Node root;
    @FXML private FlowPane criteriaBox;
    @FXML private TextField ratios;
    @FXML private CheckBox recovery;
    @FXML private Spinner<Integer> threads;
    @FXML private Button run;
    @FXML private Button cancel;
    @FXML private ProgressBar progress;
    @FXML private Label metricLabel;
    @FXML private Label status;
    @FXML private Label baseline;
    @FXML private StackPane chartHolder;
    @FXML private TableView<CriteriaViewModel.Row> table;
    @FXML private TableColumn<CriteriaViewModel.Row, String> criterionColumn;
    @FXML private TableColumn<CriteriaViewModel.Row, Number> ratioColumn;
    @FXML private TableColumn<CriteriaViewModel.Row, Number> gflopsColumn;
    @FXML private TableColumn<CriteriaViewModel.Row, Number> paramsColumn;
    @FXML private TableColumn<CriteriaViewModel.Row, Number> metricColumn;
    @FXML private TableColumn<CriteriaViewModel.Row, Number> changeColumn;
    @FXML private TableColumn<CriteriaViewModel.Row, Number> recoveredColumn;

    private final CriteriaViewModel vm;
    private final ChartViewer chart = new ChartViewer(empty());
    /** Colours a chart for the window's theme (set by the window; charts are not reached by CSS). */
    private java.util.function.Consumer<JFreeChart> chartStyle = c -> { };
    /** Kept: bidirectional bindings hold their ends weakly. */
    private ObjectProperty<Integer> threadsValue;

    public CriteriaView(CriteriaViewModel vm) {
        this.vm = vm;
        Fxml.load(this, "CriteriaView.fxml");
    }

    /** The report's chart with a title sized for a tab rather than a PNG. */
    private static JFreeChart titled(JFreeChart c) {
        if (c.getTitle() != null) {
            c.getTitle().setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 14));
        }
        return c;
    }

    static JFreeChart empty() {
        JFreeChart c = ChartFactory.createXYLineChart("Criteria: metric against GFLOPs", "GFLOPs (2 × MACs)",
                "metric", new XYSeriesCollection(), PlotOrientation.VERTICAL, true, true, false);
        c.getXYPlot().setBackgroundPaint(java.awt.Color.WHITE);
        return titled(c);
    }

    @FXML
    private void initialize() {
        for (Criterion c : CriteriaViewModel.OFFERED) {
            CheckBox box = new CheckBox(c.label());
            box.setId("criterion-" + c.name());
            box.selectedProperty().bindBidirectional(vm.chosenProperty(c));
            if (c == Criterion.MEAN_ACTIVATION || c == Criterion.APOZ) {
                box.setTooltip(new Tooltip("Measures activations on the calibration data first."));
            } else if (c == Criterion.BN_SCALE) {
                box.setTooltip(new Tooltip("Needs BatchNormalization nodes; skipped with a note on a folded model."));
            }
            criteriaBox.getChildren().add(box);
        }
        ratios.textProperty().bindBidirectional(vm.ratiosProperty());
        ratios.setTooltip(new Tooltip("Ratios on every layer, in (0, 1): 0.1,0.2,0.3 or 10%,20%,30%."));
        ratios.pseudoClassStateChanged(INVALID, !vm.ratiosValidProperty().get());
        vm.ratiosValidProperty().addListener((obs, old, ok) -> ratios.pseudoClassStateChanged(INVALID, !ok));
        recovery.selectedProperty().bindBidirectional(vm.recoveryProperty());
        recovery.setTooltip(new Tooltip("Also measure every plan after the closed-form least-squares refit of the"
                + " layers that read the pruned ones (calibrated on the same data)."));
        threads.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 64, vm.threadsProperty().get()));
        threadsValue = vm.threadsProperty().asObject();
        threads.getValueFactory().valueProperty().bindBidirectional(threadsValue);

        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.run());
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        metricLabel.textProperty().bind(vm.metricDescriptionProperty());
        status.textProperty().bind(vm.statusProperty());
        baseline.textProperty().bind(vm.baselineProperty());

        chartHolder.getChildren().add(chart);
        vm.resultProperty().addListener((obs, old, r) -> {
            chart.setChart(r == null ? empty() : titled(CriteriaChart.of(r)));
            chartStyle.accept(chart.getChart());
        });

        table.setItems(vm.rows());
        table.setPlaceholder(new Label("No comparison yet."));
        criterionColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().criterion()));
        number(ratioColumn, CriteriaViewModel.Row::ratio, v -> String.format(Locale.ROOT, "%.0f %%", 100 * v));
        number(gflopsColumn, CriteriaViewModel.Row::gflops, v -> String.format(Locale.ROOT, "%.3f", v));
        number(paramsColumn, CriteriaViewModel.Row::params, v -> String.format(Locale.ROOT, "%,d", Math.round(v)));
        number(metricColumn, CriteriaViewModel.Row::metric, MetricTables::fixed);
        number(changeColumn, CriteriaViewModel.Row::change, MetricTables::signed4);
        number(recoveredColumn, CriteriaViewModel.Row::recovered, MetricTables::fixed);
    }

    private static void number(TableColumn<CriteriaViewModel.Row, Number> column,
                               Function<CriteriaViewModel.Row, Number> value, Function<Double, String> format) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : format.apply(n.doubleValue()));
            }
        });
    }

    public Node node() {
        return root;
    }

    CriteriaViewModel viewModel() {
        return vm;
    }

    void setChartStyle(java.util.function.Consumer<JFreeChart> style) {
        this.chartStyle = style;
        style.accept(chart.getChart());
    }

    ChartViewer chart() {
        return chart;
    }
}
