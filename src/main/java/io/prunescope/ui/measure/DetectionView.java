package io.prunescope.ui.measure;

import io.prunescope.detection.Detection;
import io.prunescope.ui.Fxml;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The Detection tab (DetectionView.fxml) bound to a {@link DetectionViewModel}: data and settings, Evaluate with
 * progress and Cancel, the results and per-class tables, and the gallery (each image twice: the original model's
 * detections │ the pruned model's). This class is the FXML controller.
 */
public final class DetectionView {

    static final String BUNDLED = "Bundled detection sample";
    static final String YOLO_YAML = "YOLO data.yaml…";
    static final String YOLO_FOLDER = "YOLO folder (images/, labels/)…";
    static final String COCO = "COCO JSON + image folder…";
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private static final double MIN_TILE = 130;
    private static final double MAX_TILE = 340;

    @FXML private Node root;
    @FXML private ComboBox<String> sourceChoice;
    @FXML private Label sourceLabel;
    @FXML private Spinner<Integer> limit;
    @FXML private TextField inputSize;
    @FXML private Spinner<Integer> threads;
    @FXML private Button evaluate;
    @FXML private ProgressBar progress;
    @FXML private Button cancel;
    @FXML private Label status;
    @FXML private Label summary;
    @FXML private Label staleLabel;
    @FXML private Label detail;
    @FXML private TableView<MetricRow> metricsTable;
    @FXML private TableColumn<MetricRow, String> metricColumn;
    @FXML private TableColumn<MetricRow, MetricRow> originalColumn;
    @FXML private TableColumn<MetricRow, MetricRow> prunedColumn;
    @FXML private TableColumn<MetricRow, MetricRow> changeColumn;
    @FXML private TableView<DetectionViewModel.ClassRow> classTable;
    @FXML private TableColumn<DetectionViewModel.ClassRow, String> classColumn;
    @FXML private TableColumn<DetectionViewModel.ClassRow, Number> instancesColumn;
    @FXML private TableColumn<DetectionViewModel.ClassRow, Number> ap50OriginalColumn;
    @FXML private TableColumn<DetectionViewModel.ClassRow, Number> ap50PrunedColumn;
    @FXML private TableColumn<DetectionViewModel.ClassRow, Number> apOriginalColumn;
    @FXML private TableColumn<DetectionViewModel.ClassRow, Number> apPrunedColumn;
    @FXML private Button previous;
    @FXML private Label pageLabel;
    @FXML private Button next;
    @FXML private Slider threshold;
    @FXML private Label thresholdValue;
    @FXML private ScrollPane galleryScroll;
    @FXML private FlowPane galleryPane;
    @FXML private Label galleryPlaceholder;

    private final DetectionViewModel vm;
    /** Kept: bidirectional bindings hold their ends weakly. */
    private ObjectProperty<Integer> limitValue;
    private ObjectProperty<Integer> threadsValue;
    private final Map<DetectionGallery.GalleryImage, Image> images = new IdentityHashMap<>();
    private final List<Canvas> canvases = new ArrayList<>();
    private boolean reverting;
    private double builtSize;
    private boolean rebuildPending;

    public DetectionView(DetectionViewModel vm) {
        this.vm = vm;
        Fxml.load(this, "DetectionView.fxml");
    }

    @FXML
    private void initialize() {
        // data
        if (vm.bundledAvailable()) {
            sourceChoice.getItems().add(BUNDLED);
        }
        sourceChoice.getItems().addAll(YOLO_YAML, YOLO_FOLDER, COCO);
        showSource();
        vm.sourceProperty().addListener((obs, old, now) -> showSource());
        sourceChoice.setOnAction(e -> chooseSource());

        limit.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 1_000_000,
                vm.limitProperty().get(), 8));
        limitValue = vm.limitProperty().asObject();
        limit.getValueFactory().valueProperty().bindBidirectional(limitValue);
        limit.getEditor().setPrefColumnCount(5);
        limit.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                commitLimit();
            }
        });

        threads.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 64,
                vm.threadsProperty().get()));
        threadsValue = vm.threadsProperty().asObject();
        threads.getValueFactory().valueProperty().bindBidirectional(threadsValue);
        threads.setTooltip(new Tooltip("ONNX Runtime intra-op threads for both models."));

        inputSize.textProperty().bindBidirectional(vm.inputSizeProperty());
        inputSize.setDisable(vm.inputSizeFixed());
        inputSize.setTooltip(new Tooltip(vm.inputSizeFixed()
                ? "Fixed by the model's input: images are letterboxed to this size."
                : "The model's input height and width are dynamic: give the square letterbox size (e.g. 640)."));
        inputSize.pseudoClassStateChanged(INVALID, !vm.inputSizeValidProperty().get());
        vm.inputSizeValidProperty().addListener((obs, old, ok) -> inputSize.pseudoClassStateChanged(INVALID, !ok));
        if (!vm.inputSizeFixed()) {
            inputSize.setPromptText("required");
        }

        // running
        evaluate.disableProperty().bind(vm.canEvaluateProperty().not());
        evaluate.setOnAction(e -> {
            commitLimit();
            vm.evaluate();
        });
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        status.textProperty().bind(vm.statusProperty());
        summary.textProperty().bind(vm.summaryProperty());
        detail.textProperty().bind(vm.detailProperty());
        staleLabel.visibleProperty().bind(vm.staleProperty());
        staleLabel.managedProperty().bind(staleLabel.visibleProperty());
        summary.opacityProperty().bind(Bindings.when(vm.staleProperty()).then(0.55).otherwise(1.0));

        // tables
        metricsTable.setItems(vm.metrics());
        metricsTable.setPlaceholder(new Label("No results yet."));
        MetricTables.configure(metricColumn, originalColumn, prunedColumn, changeColumn);

        classTable.setItems(vm.classes());
        classTable.setPlaceholder(new Label("No results yet."));
        classColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        numberColumn(instancesColumn, r -> r.instances(), true);
        numberColumn(ap50OriginalColumn, r -> r.ap50Original(), false);
        numberColumn(ap50PrunedColumn, r -> r.ap50Pruned(), false);
        numberColumn(apOriginalColumn, r -> r.ap50to95Original(), false);
        numberColumn(apPrunedColumn, r -> r.ap50to95Pruned(), false);

        // gallery
        threshold.valueProperty().bindBidirectional(vm.thresholdProperty());
        threshold.setBlockIncrement(0.05);
        thresholdValue.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%.2f", vm.thresholdProperty().get()), vm.thresholdProperty()));
        previous.setOnAction(e -> vm.previousPage());
        next.setOnAction(e -> vm.nextPage());
        previous.disableProperty().bind(vm.pageProperty().lessThanOrEqualTo(0));
        next.disableProperty().bind(vm.pageProperty().add(1).greaterThanOrEqualTo(vm.pageCountProperty()));
        pageLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.pageCountProperty().get() == 0
                        ? "—" : (vm.pageProperty().get() + 1) + " / " + vm.pageCountProperty().get(),
                vm.pageProperty(), vm.pageCountProperty()));
        galleryPlaceholder.visibleProperty().bind(Bindings.isEmpty(vm.gallery()));
        galleryPlaceholder.managedProperty().bind(galleryPlaceholder.visibleProperty());
        vm.gallery().addListener((javafx.collections.ListChangeListener<DetectionGallery.GalleryImage>) c -> {
            images.keySet().retainAll(List.copyOf(vm.gallery()));
            buildGallery();
        });
        vm.thresholdProperty().addListener((obs, old, now) -> repaint());
        vm.classNamesProperty().addListener((obs, old, now) -> repaint());
        // Sized from the scroll pane's width less a scroll bar, not from its viewport: a scroll bar that comes and goes
        // would otherwise resize the tiles, which brings or removes the scroll bar, and so on. Rebuilt after the layout
        // pass that changed the width, never inside it.
        javafx.beans.InvalidationListener resized = obs -> {
            if (Math.abs(tileSize() - builtSize) >= 1 && !rebuildPending) {
                rebuildPending = true;
                javafx.application.Platform.runLater(() -> {
                    rebuildPending = false;
                    buildGallery();
                });
            }
        };
        galleryScroll.widthProperty().addListener(resized);
        galleryScroll.heightProperty().addListener(resized);
    }

    private void commitLimit() {
        try {
            limit.commitValue();
            threads.commitValue();
        } catch (RuntimeException e) {
            limit.getEditor().setText(Integer.toString(vm.limitProperty().get()));
            threads.getEditor().setText(Integer.toString(vm.threadsProperty().get()));
        }
    }

    // ---- data choosers ------------------------------------------------------------------------------------

    private void showSource() {
        DetectionViewModel.DataSource s = vm.sourceProperty().get();
        reverting = true;
        try {
            if (s == null) {
                sourceChoice.getSelectionModel().clearSelection();
                sourceChoice.setPromptText("Choose detection data…");
                sourceLabel.setText("No data chosen.");
                return;
            }
            sourceChoice.getSelectionModel().select(switch (s.kind()) {
                case BUNDLED -> BUNDLED;
                case YOLO_YAML -> YOLO_YAML;
                case YOLO_FOLDER -> YOLO_FOLDER;
                case COCO -> COCO;
            });
            sourceLabel.setText(s.describe());
        } finally {
            reverting = false;
        }
    }

    private void chooseSource() {
        if (reverting) {
            return;
        }
        String choice = sourceChoice.getValue();
        Window owner = root.getScene() == null ? null : root.getScene().getWindow();
        if (BUNDLED.equals(choice)) {
            vm.useBundled();
        } else if (YOLO_YAML.equals(choice)) {
            FileChooser fc = new FileChooser();
            fc.setTitle("YOLO data.yaml");
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("data.yaml", "*.yaml", "*.yml"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File f = fc.showOpenDialog(owner);
            if (f != null) {
                vm.useYolo(f.toPath());
            }
        } else if (YOLO_FOLDER.equals(choice)) {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("YOLO folder (with images/ and labels/, or images with .txt labels beside them)");
            File d = dc.showDialog(owner);
            if (d != null) {
                vm.useYolo(d.toPath());
            }
        } else if (COCO.equals(choice)) {
            FileChooser fc = new FileChooser();
            fc.setTitle("COCO annotation JSON");
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("COCO JSON", "*.json"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File json = fc.showOpenDialog(owner);
            if (json != null) {
                DirectoryChooser dc = new DirectoryChooser();
                dc.setTitle("Image folder of " + json.getName() + " (Cancel: the JSON's folder)");
                dc.setInitialDirectory(json.getParentFile());
                File images = dc.showDialog(owner);
                vm.useCoco(json.toPath(), images == null ? null : images.toPath());
            }
        }
        showSource(); // a cancelled chooser goes back to the data in use
    }

    // ---- tables -------------------------------------------------------------------------------------------

    private static void numberColumn(TableColumn<DetectionViewModel.ClassRow, Number> column,
                                     Function<DetectionViewModel.ClassRow, Number> value, boolean count) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : count ? MetricTables.count(n.doubleValue())
                        : MetricTables.fixed(n.doubleValue()));
            }
        });
    }

    // ---- gallery ------------------------------------------------------------------------------------------

    /**
     * The tile size that fits two images (four tiles) per row, or one image when the gallery is narrow, and a page's
     * rows in the height when they fit at the smallest size.
     */
    private double tileSize() {
        double w = galleryScroll.getWidth() - 18;
        if (w <= 0) {
            w = 4 * 220 + 40;
        }
        double gap = galleryPane.getHgap();
        double inner = 6;
        int perRow = w >= 4 * MIN_TILE + gap + 2 * inner + 8 ? 2 : 1;
        double size = Math.floor((w - 8 - (perRow - 1) * gap - perRow * inner) / (2 * perRow));
        double h = galleryScroll.getHeight() - 8;
        if (h > 0) {
            int rows = (DetectionViewModel.PAGE_SIZE + perRow - 1) / perRow;
            double captions = 42; // title and caption lines above each tile
            size = Math.min(size, Math.floor((h - rows * captions - (rows - 1) * galleryPane.getVgap()) / rows));
        }
        return Math.max(MIN_TILE, Math.min(MAX_TILE, size));
    }

    private void buildGallery() {
        galleryPane.getChildren().clear();
        canvases.clear();
        double size = tileSize();
        builtSize = size;
        for (DetectionGallery.GalleryImage g : vm.gallery()) {
            images.computeIfAbsent(g, x -> DetectionPainter.toImage(x.pixels()));
            Label title = new Label(g.name() + " · " + g.truths().size() + " labelled");
            title.getStyleClass().add("gallery-title");
            VBox left = tile(g, size, true);
            VBox right = tile(g, size, false);
            HBox pair = new HBox(6, left, right);
            VBox cell = new VBox(3, title, pair);
            cell.getStyleClass().add("gallery-cell");
            galleryPane.getChildren().add(cell);
        }
        repaint();
    }

    private VBox tile(DetectionGallery.GalleryImage g, double size, boolean original) {
        Label caption = new Label();
        caption.getStyleClass().addAll("note-text", "gallery-caption");
        Canvas canvas = new Canvas(size, size);
        canvas.getProperties().put("gallery-image", g);
        canvas.getProperties().put("gallery-original", original);
        canvas.getProperties().put("gallery-caption", caption);
        canvases.add(canvas);
        VBox box = new VBox(2, caption, canvas);
        box.setAlignment(Pos.TOP_LEFT);
        return box;
    }

    private void repaint() {
        double t = vm.thresholdProperty().get();
        List<String> names = vm.classNamesProperty().get();
        int drawn = 0;
        for (Canvas c : canvases) {
            DetectionGallery.GalleryImage g = (DetectionGallery.GalleryImage) c.getProperties().get("gallery-image");
            boolean original = (Boolean) c.getProperties().get("gallery-original");
            List<Detection> dets = original ? g.original() : g.pruned();
            int n = DetectionPainter.paint(c.getGraphicsContext2D(), c.getWidth(), images.get(g), g.truths(), dets, t,
                    names);
            ((Label) c.getProperties().get("gallery-caption")).setText((original ? "original" : "pruned") + " · " + n
                    + (n == 1 ? " detection" : " detections"));
            drawn += n;
        }
        vm.reportDrawn(drawn);
    }

    public Node node() {
        return root;
    }

    DetectionViewModel viewModel() {
        return vm;
    }

    /** The gallery's canvases, for tests (two per image: original, pruned). */
    List<Canvas> canvases() {
        return List.copyOf(canvases);
    }
}
