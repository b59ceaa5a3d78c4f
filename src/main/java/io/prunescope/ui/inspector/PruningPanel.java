package io.prunescope.ui.inspector;

import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.prune.criteria.Support;
import io.prunescope.ui.Fxml;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.List;
import java.util.function.Function;

/**
 * The pruning part of the inspector (PruningPanel.fxml; this class is its controller): the selected layer's
 * granularity, criterion, ratio, N:M and protection; its coupling; and the plan's defaults. (The heatmaps have their
 * own tab under the panels.)
 */
public final class PruningPanel {

    /**
     * Style class giving a granularity or criterion box a set width (base.css: 21em, 262 px at the app's 12.5 px
     * font; JavaFX measures 234 px for the widest label here, and {@code InspectorComboWidthTest} checks every label
     * fits). The boxes stretch to the form's column anyway (max width unbounded), so the set width only stops a box
     * from measuring its list: without one, a combo box creates and styles a list cell per item to find the widest,
     * and it did so again after every selection (the granularity list changes per layer, the criterion cells are
     * remade per granularity), in the pulse that shows the selected layer — part of the longest stall left after a
     * model opened (src/docs/time-to-interactive.md, third round). The popup still sizes its list to its items.
     */
    public static final String FIXED_WIDTH = "fixed-width-combo";

    @FXML private VBox root;
    @FXML private Label layerTitle;
    @FXML private Label layerPlaceholder;
    @FXML private Node layerForm;
    @FXML private ComboBox<Granularity> granularityBox;
    @FXML private ComboBox<Criterion> criterionBox;
    @FXML private Slider ratioSlider;
    @FXML private TextField ratioField;
    @FXML private Label nmLabel;
    @FXML private HBox nmRow;
    @FXML private TextField nField;
    @FXML private TextField mField;
    @FXML private CheckBox protectBox;
    @FXML private Label kindNote;
    @FXML private Label whyNotLabel;
    @FXML private Label multiNote;
    @FXML private VBox couplingBox;
    @FXML private Label couplingSummary;
    @FXML private Label couplingMembers;
    @FXML private VBox reasonsBox;
    @FXML private Node defaultsForm;
    @FXML private ComboBox<Granularity> defaultGranularityBox;
    @FXML private ComboBox<Criterion> defaultCriterionBox;
    @FXML private Slider defaultRatioSlider;
    @FXML private TextField defaultRatioField;
    @FXML private ComboBox<Integer> roundToBox;
    @FXML private Button applyDefaults;

    private final LayerControlsViewModel controls;
    private final CouplingViewModel coupling;
    private final DefaultsViewModel defaults;
    /** The criterion boxes' tooltips, one per text, shared by their cells (see {@link #criterionCell}). */
    private final java.util.Map<String, Tooltip> tips = new java.util.HashMap<>();

    public PruningPanel(LayerControlsViewModel controls, CouplingViewModel coupling, DefaultsViewModel defaults) {
        this.controls = controls;
        this.coupling = coupling;
        this.defaults = defaults;
        Fxml.load(this, "PruningPanel.fxml");
    }

    /** Puts {@code node} right under the layer's controls (the sensitivity curve beside the ratio slider). */
    public void addBelowLayerForm(Node node) {
        root.getChildren().add(root.getChildren().indexOf(layerForm) + 1, node);
    }

    @FXML
    private void initialize() {
        show(layerForm, controls.hasTargetsProperty().get());
        controls.hasTargetsProperty().addListener((obs, was, now) -> show(layerForm, now));
        layerPlaceholder.visibleProperty().bind(controls.hasTargetsProperty().not());
        layerPlaceholder.managedProperty().bind(layerPlaceholder.visibleProperty());
        layerTitle.textProperty().bind(controls.titleProperty());

        granularityBox.setItems(controls.granularities());
        granularityBox.setConverter(converter(Granularity::label));
        granularityBox.valueProperty().bindBidirectional(controls.granularityProperty());
        criterionBox.getItems().setAll(Criterion.values());
        criterionBox.setConverter(converter(Criterion::label));
        criterionBox.setCellFactory(l -> criterionCell(controls::support, tips));
        criterionBox.valueProperty().bindBidirectional(controls.criterionProperty());
        controls.granularityProperty().addListener((obs, old, now) -> {
            criterionBox.setCellFactory(l -> criterionCell(controls::support, tips));
            updateKindNote(now);
        });
        updateKindNote(controls.granularityProperty().get());
        new RatioControl(ratioSlider, ratioField, controls.ratioProperty(), controls::setRatio,
                controls::dragStarted);
        Runnable nmVisible = () -> {
            boolean on = controls.granularityProperty().get() == Granularity.N_M;
            show(nmLabel, on);
            show(nmRow, on);
            ratioSlider.setDisable(on);
            ratioField.setDisable(on);
        };
        controls.granularityProperty().addListener((obs, old, now) -> nmVisible.run());
        nmVisible.run();
        nField.setText(controls.nProperty().get());
        mField.setText(controls.mProperty().get());
        controls.nProperty().addListener((obs, old, now) -> nField.setText(now));
        controls.mProperty().addListener((obs, old, now) -> mField.setText(now));
        Runnable applyNm = () -> {
            boolean ok = controls.setNm(nField.getText(), mField.getText());
            nField.pseudoClassStateChanged(RatioControl.INVALID, !ok);
            mField.pseudoClassStateChanged(RatioControl.INVALID, !ok);
        };
        for (TextField f : List.of(nField, mField)) {
            f.setOnAction(e -> applyNm.run());
            f.focusedProperty().addListener((obs, was, now) -> {
                if (!now) {
                    applyNm.run();
                }
            });
        }
        protectBox.selectedProperty().bindBidirectional(controls.protectProperty());
        whyNotLabel.textProperty().bind(controls.whyNotProperty());
        whyNotLabel.visibleProperty().bind(Bindings.isNotEmpty(controls.whyNotProperty())
                .and(controls.hasTargetsProperty()));
        whyNotLabel.managedProperty().bind(whyNotLabel.visibleProperty());
        multiNote.textProperty().bind(controls.noteProperty());
        multiNote.visibleProperty().bind(Bindings.isNotEmpty(controls.noteProperty()));
        multiNote.managedProperty().bind(multiNote.visibleProperty());

        couplingBox.visibleProperty().bind(coupling.visibleProperty());
        couplingBox.managedProperty().bind(couplingBox.visibleProperty());
        couplingSummary.textProperty().bind(coupling.summaryProperty());
        couplingMembers.textProperty().bind(coupling.membersProperty());
        couplingMembers.visibleProperty().bind(Bindings.isNotEmpty(coupling.membersProperty()));
        couplingMembers.managedProperty().bind(couplingMembers.visibleProperty());
        coupling.reasons().addListener((ListChangeListener<String>) c -> fillReasons());

        defaultsForm.disableProperty().bind(defaults.enabledProperty().not());
        defaultGranularityBox.getItems().setAll(DefaultsViewModel.GRANULARITIES);
        defaultGranularityBox.setConverter(converter(Granularity::label));
        defaultGranularityBox.valueProperty().bindBidirectional(defaults.granularityProperty());
        defaultCriterionBox.getItems().setAll(Criterion.values());
        defaultCriterionBox.setConverter(converter(Criterion::label));
        Function<Criterion, Support> defaultSupport = c -> defaults.granularityProperty().get() == null
                ? Support.yes("") : io.prunescope.prune.criteria.CriteriaSupport.supports(c,
                defaults.granularityProperty().get());
        defaultCriterionBox.setCellFactory(l -> criterionCell(defaultSupport, tips));
        defaults.granularityProperty().addListener((obs, old, now) ->
                defaultCriterionBox.setCellFactory(l -> criterionCell(defaultSupport, tips)));
        defaultCriterionBox.valueProperty().bindBidirectional(defaults.criterionProperty());
        new RatioControl(defaultRatioSlider, defaultRatioField, defaults.ratioProperty(), defaults::setRatio,
                defaults::dragStarted);
        roundToBox.getItems().setAll(DefaultsViewModel.ROUND_TO);
        roundToBox.setConverter(converter(i -> i == 1 ? "1 (off)" : Integer.toString(i)));
        roundToBox.valueProperty().bindBidirectional(defaults.roundToProperty());
        applyDefaults.setOnAction(e -> defaults.applyToAll());
        for (ComboBox<?> box : List.of(granularityBox, criterionBox, defaultGranularityBox, defaultCriterionBox)) {
            fixWidth(box);
        }
    }

    private static void fixWidth(ComboBox<?> box) {
        box.getStyleClass().add(FIXED_WIDTH);
    }

    private void updateKindNote(Granularity g) {
        kindNote.setText(g == null ? "" : g.structured()
                ? "Structured: the exported model is physically smaller and faster on any runtime."
                : "Fine-grained: weights are zeroed; the model only gets faster with sparse kernels.");
    }

    private void fillReasons() {
        reasonsBox.getChildren().clear();
        for (String r : coupling.reasons()) {
            Label l = new Label("• " + r);
            l.setWrapText(true);
            l.getStyleClass().add(r.startsWith("not prunable") ? "warning-text" : "reason-text");
            reasonsBox.getChildren().add(l);
        }
    }

    private static void show(Node n, boolean on) {
        n.setVisible(on);
        n.setManaged(on);
    }

    /**
     * {@code tips}: one tooltip per text, shared by the cells (a tooltip may be installed on many nodes). A
     * {@code Tooltip} is a popup control, costly to create and style, and a combo box measuring its width makes a
     * cell for every criterion; that was part of the first layout after a layer was selected
     * (src/docs/time-to-interactive.md).
     */
    private static ListCell<Criterion> criterionCell(Function<Criterion, Support> support,
                                                     java.util.Map<String, Tooltip> tips) {
        return new ListCell<>() {
            @Override
            protected void updateItem(Criterion item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setTooltip(null);
                    setDisable(false);
                    return;
                }
                Support s = support.apply(item);
                setText(item.label());
                setDisable(!s.supported());
                getStyleClass().remove("unsupported");
                if (!s.supported()) {
                    getStyleClass().add("unsupported");
                }
                String tip = s.reason() == null || s.reason().isEmpty() ? null
                        : (s.supported() ? "" : "Not available: ") + s.reason();
                setTooltip(tip == null ? null : tips.computeIfAbsent(tip, Tooltip::new));
            }
        };
    }

    private static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    public Node node() {
        return root;
    }
}
