package io.prunescope.ui.learn;

import io.prunescope.learn.GalleryEntry;
import io.prunescope.session.Workspace;
import io.prunescope.ui.Fxml;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Learn window (view, {@code LearnWindow.fxml}) for teachers: the granularity gallery, the criteria side by
 * side with the filter projection, and the SFP vs FPGM card, all on the selected layer of the open model and bound
 * to {@link LearnViewModel}. F5 toggles presentation mode (bigger type, thicker lines, high contrast, no controls).
 */
public final class LearnWindow {

    private final Stage stage = new Stage();
    private final LearnViewModel vm;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "prunescope-learn");
        t.setDaemon(true);
        return t;
    });
    private final ObjectBinding<LearnStyle> style;
    final List<PictureView> pictures = new ArrayList<>();

    @FXML private BorderPane root;
    @FXML private FlowPane controls;
    @FXML private ComboBox<String> layer;
    @FXML private Slider ratio;
    @FXML private Label ratioText;
    @FXML private Spinner<Integer> filterFrom;
    @FXML private Spinner<Integer> channelFrom;
    @FXML private Spinner<Integer> sliceSize;
    @FXML private Spinner<Integer> exportWidth;
    @FXML private Spinner<Integer> exportHeight;
    @FXML private Button exportPng;
    @FXML private Button exportSvg;
    @FXML private ToggleButton presentation;
    @FXML private Label status;
    @FXML TabPane tabs;
    @FXML VBox gallery;
    @FXML VBox criteria;
    @FXML VBox card;

    private LearnWindow(Workspace workspace, String selectedLayer) {
        vm = new LearnViewModel(workspace, worker, selectedLayer);
        style = Bindings.createObjectBinding(() -> LearnStyle.of(vm.presentationProperty().get()),
                vm.presentationProperty());
        Fxml.load(this, "/io/prunescope/ui/learn/LearnWindow.fxml");
        bind();
        fillCard();
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1320, screen.getWidth() - 40), Math.min(900, screen.getHeight() - 60));
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.F5) {
                vm.presentationProperty().set(!vm.presentationProperty().get());
                e.consume();
            }
        });
        stage.setScene(scene);
        stage.setTitle("Learn — " + workspace.model().displayName());
        stage.setOnHidden(e -> {
            vm.cancel();
            worker.shutdownNow();
        });
    }

    /** Opens the window on a layer (null: a layer in the middle of the model) and starts computing. */
    public static LearnWindow create(Workspace workspace, String selectedLayer) {
        LearnWindow w = new LearnWindow(workspace, selectedLayer);
        w.vm.refresh();
        return w;
    }

    public Stage stage() {
        return stage;
    }

    public LearnViewModel viewModel() {
        return vm;
    }

    private void bind() {
        layer.setItems(vm.layers());
        layer.valueProperty().bindBidirectional(vm.layerProperty());
        ratio.valueProperty().bindBidirectional(vm.ratioProperty());
        ratioText.textProperty().bind(Bindings.format("%.0f %%", vm.ratioProperty().multiply(100)));
        spinner(filterFrom, 0, 100_000, vm.filterFromProperty());
        spinner(channelFrom, 0, 100_000, vm.channelFromProperty());
        spinner(sliceSize, 1, 32, vm.sliceSizeProperty());
        spinner(exportWidth, 200, 8000, vm.exportWidthProperty());
        spinner(exportHeight, 150, 8000, vm.exportHeightProperty());
        presentation.selectedProperty().bindBidirectional(vm.presentationProperty());
        controls.visibleProperty().bind(vm.presentationProperty().not());
        controls.managedProperty().bind(controls.visibleProperty());
        root.styleProperty().bind(Bindings.when(vm.presentationProperty())
                .then("-fx-font-size: 20px; -fx-base: #ffffff; -fx-background-color: white;").otherwise(""));
        status.textProperty().bind(vm.statusProperty());
        vm.resultProperty().addListener((obs, old, now) -> show(now));
        exportPng.setOnAction(e -> chooseAndExport(currentPicture(), "png"));
        exportSvg.setOnAction(e -> chooseAndExport(currentPicture(), "svg"));
    }

    private static void spinner(Spinner<Integer> s, int min, int max, javafx.beans.property.IntegerProperty p) {
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max,
                p.get());
        s.setValueFactory(f);
        f.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                p.set(now);
            }
        });
        p.addListener((obs, old, now) -> f.setValue(now.intValue()));
    }

    private void show(LearnResult r) {
        pictures.removeIf(v -> !card.getChildren().contains(v));
        gallery.getChildren().clear();
        for (GalleryEntry e : r.gallery()) {
            GalleryPicture p = new GalleryPicture(e, r.view(), r.slice());
            PictureView view = picture(p);
            view.prefWidthProperty().bind(Bindings.createDoubleBinding(() -> p.naturalWidth(style.get()), style));
            view.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label caption = new Label(e.caption());
            caption.setWrapText(true);
            caption.setMinWidth(260);
            caption.setPrefWidth(320); // grows into what the picture leaves; a one-line pref would squeeze the picture
            caption.getStyleClass().add("learn-caption");
            javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(16, view, caption);
            javafx.scene.layout.HBox.setHgrow(caption, javafx.scene.layout.Priority.ALWAYS);
            caption.setMaxWidth(Double.MAX_VALUE);
            gallery.getChildren().add(row);
        }
        criteria.getChildren().setAll(picture(new ProjectionPicture(r.projection(), r.comparison())),
                picture(new PicksPicture(r.comparison())));
    }

    private PictureView picture(LearnPicture p) {
        PictureView v = new PictureView(p, style, q -> chooseAndExport(q, "png"), q -> chooseAndExport(q, "svg"));
        pictures.add(v);
        return v;
    }

    /** The picture of the selected tab: the whole gallery stacked, the projection with the picks, or the card. */
    LearnPicture currentPicture() {
        int tab = tabs.getSelectionModel().getSelectedIndex();
        VBox box = tab == 1 ? criteria : tab == 2 ? card : gallery;
        List<LearnPicture> parts = pictures.stream()
                .filter(v -> box.getChildren().contains(v) || box.getChildren().contains(v.getParent()))
                .map(PictureView::picture).toList();
        return new StackedPicture(parts);
    }

    private void chooseAndExport(LearnPicture p, String format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export picture as " + format.toUpperCase());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.toUpperCase(), "*." + format));
        chooser.setInitialFileName("learn." + format);
        File f = chooser.showSaveDialog(stage);
        if (f != null) {
            export(p, f.toPath(), format);
        }
    }

    /** Writes the picture at the chosen export size in the current style (FX thread). */
    void export(LearnPicture p, Path target, String format) {
        int w = vm.exportWidthProperty().get();
        int h = vm.exportHeightProperty().get();
        try {
            if (format.equals("svg")) {
                PictureExport.svg(p, w, h, style.get(), target);
            } else {
                PictureExport.png(p, w, h, style.get(), target);
            }
            vm.statusProperty().set("Wrote " + target.getFileName() + " (" + w + "×" + h + ")");
        } catch (IOException e) {
            vm.statusProperty().set("Could not write " + target + ": " + e.getMessage());
        }
    }

    /** The card is drawn like the other pictures, so it exports and follows presentation mode too. */
    private void fillCard() {
        card.getChildren().setAll(picture(new CardPicture()));
    }
}
