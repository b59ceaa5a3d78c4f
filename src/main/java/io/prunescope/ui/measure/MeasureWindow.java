package io.prunescope.ui.measure;

import io.prunescope.measure.BudgetPlanner;
import io.prunescope.measure.BudgetSearch;
import io.prunescope.measure.DetectionComparison;
import io.prunescope.measure.Recovery;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.session.Workspace;
import io.prunescope.ui.Fxml;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;

import java.io.File;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The measure window (view, {@code MeasureWindow.fxml}): the data bar and the Compare, Sensitivity, Budget and
 * Recovery tabs bound to {@link MeasureDataViewModel} and {@link MeasureViewModel}, plus the Detection
 * ({@link DetectionView}) and Criteria ({@link CriteriaView}) tabs, which bring their own data, progress and Cancel.
 * It owns the stage, the file choosers and the worker threads.
 */
public final class MeasureWindow {

    private final Workspace ws;
    private final ObservableValue<PruningPlan> planValue;
    private final Stage stage = new Stage();
    private final MeasureDataViewModel data;
    private final MeasureViewModel vm;
    final ExecutorService detectionWorker = Executors.newSingleThreadExecutor(daemon("prunescope-detection"));
    final ExecutorService criteriaWorker = Executors.newSingleThreadExecutor(daemon("prunescope-criteria"));
    private final ExecutorService galleryIo = Executors.newSingleThreadExecutor(daemon("prunescope-gallery"));
    final ChartViewer chart = new ChartViewer(SensitivityChart.empty());
    DetectionView detection;
    CriteriaView criteria;

    @FXML private BorderPane root;
    @FXML private VBox dataBar;
    @FXML private ComboBox<PreprocessingPreset> preset;
    @FXML private javafx.scene.control.Label scaleError;
    @FXML private javafx.scene.control.Label meanError;
    @FXML private javafx.scene.control.Label stdError;
    @FXML private javafx.scene.control.Label format;
    @FXML private ComboBox<String> source;
    @FXML Spinner<Integer> limit;
    @FXML private Spinner<Integer> threads;
    @FXML private TextField scale;
    @FXML private TextField mean;
    @FXML private TextField std;
    @FXML TabPane tabs;
    @FXML private VBox sensitivityBox;
    @FXML private ComboBox<Criterion> criterion;
    @FXML private ComboBox<BudgetPlanner.Target> target;
    @FXML private TextField fraction;
    @FXML private Button applyProposal;
    @FXML private ComboBox<Recovery.Mode> budgetRecovery;
    @FXML private javafx.scene.control.CheckBox recoveryAware;
    @FXML private Spinner<Integer> refineRounds;
    @FXML private javafx.scene.control.TableView<BudgetSearch.Round> roundsTable;
    @FXML private ComboBox<Recovery.Mode> recoveryMode;
    @FXML private Button exportRecovered;
    @FXML private VBox statusArea;
    @FXML private ProgressBar progress;
    @FXML private Button cancel;
    @FXML TextArea log;

    private MeasureWindow(Workspace ws, ObservableValue<PruningPlan> plan, Consumer<PruningPlan> applyPlan) {
        this.ws = ws;
        this.planValue = plan;
        this.data = new MeasureDataViewModel(ws);
        this.vm = new MeasureViewModel(ws, plan::getValue, applyPlan, data);
        Fxml.load(this, "MeasureWindow.fxml");
        stage.setTitle("Measure — " + ws.model().displayName());
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setScene(new Scene(root, Math.min(1280, screen.getWidth() - 40), Math.min(860, screen.getHeight() - 60)));
        stage.setOnHidden(e -> {
            detection.viewModel().cancel();
            criteria.viewModel().cancel();
            vm.cancel();
            detectionWorker.shutdownNow();
            criteriaWorker.shutdownNow();
            galleryIo.shutdownNow();
        });
    }

    /**
     * Opens the window (call on the FX thread) on the document's plan: results that depend on the plan (detection)
     * say so when it changes after they were measured.
     */
    public static MeasureWindow show(Workspace workspace, ObservableValue<PruningPlan> plan,
                                     Consumer<PruningPlan> applyPlan) {
        MeasureWindow w = create(workspace, plan, applyPlan);
        w.stage.show();
        return w;
    }

    /** The window, not shown yet (so that its owner and style sheets can be set first). Call on the FX thread. */
    public static MeasureWindow create(Workspace workspace, ObservableValue<PruningPlan> plan,
                                       Consumer<PruningPlan> applyPlan) {
        return new MeasureWindow(workspace, plan, applyPlan);
    }

    /**
     * The window, not shown yet, remembering its data settings per model in {@code prefs} (null: not remembered)
     * and colouring its charts for {@code theme}. Call on the FX thread.
     */
    public static MeasureWindow create(Workspace workspace, ObservableValue<PruningPlan> plan,
                                       Consumer<PruningPlan> applyPlan, java.util.prefs.Preferences prefs,
                                       ObservableValue<io.prunescope.ui.Theme> theme) {
        MeasureWindow w = new MeasureWindow(workspace, plan, applyPlan);
        w.data.remember(prefs);
        w.theme = theme;
        theme.addListener((obs, old, now) -> {
            w.styleChart();
            w.criteria.setChartStyle(c -> ChartStyle.apply(c, now));
        });
        w.styleChart();
        w.criteria.setChartStyle(c -> ChartStyle.apply(c, theme.getValue()));
        return w;
    }

    private ObservableValue<io.prunescope.ui.Theme> theme;

    /** Colours the sensitivity chart for the main window's theme (charts are not reached by CSS). */
    private void styleChart() {
        if (theme != null && chart.getChart() != null) {
            ChartStyle.apply(chart.getChart(), theme.getValue());
        }
    }

    /** Opens the window on a plan that is read when a measurement starts. */
    public static MeasureWindow show(Workspace workspace, Supplier<PruningPlan> currentPlan,
                                     Consumer<PruningPlan> applyPlan) {
        return show(workspace, new SimpleObjectProperty<>(currentPlan.get()) {
            @Override
            public PruningPlan get() {
                return currentPlan.get();
            }
        }, applyPlan);
    }

    public Stage stage() {
        return stage;
    }

    /** Also hands each sensitivity analysis to {@code consumer} (the main window's curves), on the FX thread. */
    public void setOnSensitivity(Consumer<io.prunescope.measure.SensitivityResult> consumer) {
        vm.setOnSensitivity(consumer);
    }

    /** The data bar's images for an export proof of this window's model (null: random inputs chosen). */
    public Supplier<io.prunescope.prune.ProofInputs> proofInputs(Workspace of) {
        return of == ws && stage.isShowing() ? data.proofInputs(8) : null;
    }

    @FXML
    private void initialize() {
        bindDataBar();
        criterion.getItems().addAll(Criterion.values());
        criterion.getSelectionModel().select(Criterion.L1);
        sensitivityBox.getChildren().add(chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
        vm.chartProperty().addListener((obs, old, now) -> {
            chart.setChart(now);
            styleChart();
        });
        target.getItems().addAll(BudgetPlanner.Target.values());
        target.getSelectionModel().select(BudgetPlanner.Target.FLOPS);
        applyProposal.disableProperty().bind(vm.proposalReadyProperty().not());
        budgetRecovery.getItems().addAll(Recovery.Mode.values());
        budgetRecovery.getSelectionModel().select(Recovery.Mode.NONE);
        // recovery-aware allocation measures every curve after recovery, so it needs a recovery to measure with
        recoveryAware.disableProperty().bind(budgetRecovery.valueProperty().isEqualTo(Recovery.Mode.NONE));
        BudgetRoundsTable.configure(roundsTable, vm.rounds());
        refineRounds.setValueFactory(new javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory(0, 5,
                2));
        recoveryMode.getItems().addAll(Recovery.Mode.values());
        recoveryMode.getSelectionModel().select(Recovery.Mode.LSQ);
        exportRecovered.disableProperty().bind(vm.recoveredReadyProperty().not());
        progress.progressProperty().bind(vm.progressProperty());
        cancel.disableProperty().bind(vm.busyProperty().not());
        vm.logProperty().addListener((obs, old, now) -> {
            log.setText(now);
            log.positionCaret(now.length());
        });
        addDetectionAndCriteriaTabs();
    }

    private void bindDataBar() {
        source.getItems().addAll(MeasureDataViewModel.SOURCES);
        source.getSelectionModel().select(data.sourceProperty().get());
        source.setOnAction(e -> chooseSource(source.getSelectionModel().getSelectedIndex()));
        limit.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 1_000_000, 1000, 100));
        limit.getValueFactory().valueProperty().bindBidirectional(data.limitProperty());
        threads.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 64, 1));
        threads.getValueFactory().valueProperty().bindBidirectional(data.threadsProperty());
        scale.textProperty().bindBidirectional(data.scaleProperty());
        mean.textProperty().bindBidirectional(data.meanProperty());
        std.textProperty().bindBidirectional(data.stdProperty());
        preset.getItems().addAll(PreprocessingPreset.values());
        preset.valueProperty().bindBidirectional(data.presetProperty());
        validation(scale, scaleError, data.scaleErrorProperty());
        validation(mean, meanError, data.meanErrorProperty());
        validation(std, stdError, data.stdErrorProperty());
        format.textProperty().bind(data.formatProperty());
    }

    private static void validation(TextField field, javafx.scene.control.Label message,
                                   javafx.beans.value.ObservableStringValue error) {
        message.textProperty().bind(error);
        message.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(error));
        message.managedProperty().bind(message.visibleProperty());
        javafx.css.PseudoClass invalid = javafx.css.PseudoClass.getPseudoClass("invalid");
        field.pseudoClassStateChanged(invalid, !error.get().isEmpty());
        error.addListener((obs, old, now) -> field.pseudoClassStateChanged(invalid, !now.isEmpty()));
    }

    /** Detection and Criteria bring their own data, progress and Cancel: the data bar and log would take their room. */
    private void addDetectionAndCriteriaTabs() {
        detection = new DetectionView(new DetectionViewModel(ws, planValue, detectionWorker, galleryIo));
        Tab detectionTab = new Tab("Detection", detection.node());
        detectionTab.setId("detectionTab");
        boolean detector = DetectionComparison.looksLikeDetector(ws);
        criteria = new CriteriaView(new CriteriaViewModel(ws, detector
                ? CriteriaMeasurements.detection(ws, detection.viewModel())
                : CriteriaMeasurements.classifier(ws, data), criteriaWorker));
        Tab criteriaTab = new Tab("Criteria", criteria.node());
        criteriaTab.setId("criteriaTab");
        tabs.getTabs().addAll(1, java.util.List.of(detectionTab, criteriaTab));
        Runnable layout = () -> {
            Tab t = tabs.getSelectionModel().getSelectedItem();
            // The Criteria tab of a detector measures on the Detection tab's data.
            root.setTop(t == detectionTab || (t == criteriaTab && detector) ? null : dataBar);
            root.setBottom(t == detectionTab || t == criteriaTab ? null : statusArea);
            if (t == criteriaTab) {
                criteria.viewModel().refreshMetric();
            }
        };
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> layout.run());
        if (detector) {
            tabs.getSelectionModel().select(detectionTab);
        }
        layout.run();
    }

    private void chooseSource(int index) {
        data.sourceProperty().set(index);
        if (index == MeasureDataViewModel.BUNDLED) {
            data.useBundledPreprocessing();
        } else if (index == MeasureDataViewModel.IDX) {
            FileChooser fc = new FileChooser();
            fc.setTitle("IDX image file");
            File img = fc.showOpenDialog(stage);
            fc.setTitle("IDX label file");
            File lab = img == null ? null : fc.showOpenDialog(stage);
            data.useIdx(img == null ? null : img.toPath(), lab == null ? null : lab.toPath());
        } else if (index == MeasureDataViewModel.FOLDER) {
            File d = new DirectoryChooser().showDialog(stage);
            data.useFolder(d == null ? null : d.toPath());
        }
    }

    @FXML
    private void latency() {
        vm.latency();
    }

    @FXML
    private void fidelity() {
        vm.fidelity();
    }

    @FXML
    private void accuracy() {
        vm.accuracy();
    }

    @FXML
    private void activations() {
        vm.activations();
    }

    @FXML
    private void sensitivity() {
        vm.sensitivity(criterion.getValue());
    }

    @FXML
    private void propose() {
        vm.propose(target.getValue(), fraction.getText(), budgetRecovery.getValue(),
                recoveryAware.isSelected() && !recoveryAware.isDisabled(), refineRounds.getValue());
    }

    @FXML
    private void applyProposal() {
        vm.applyProposal();
    }

    @FXML
    private void recover() {
        vm.recover(recoveryMode.getValue());
    }

    @FXML
    private void exportRecovered() {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName("recovered.onnx");
        File f = fc.showSaveDialog(stage);
        if (f != null) {
            vm.writeRecovered(f.toPath());
        }
    }

    @FXML
    private void cancel() {
        vm.cancel();
    }

    /** For tests: a measurement is running. */
    boolean isBusy() {
        return vm.busyProperty().get();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
