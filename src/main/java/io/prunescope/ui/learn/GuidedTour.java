package io.prunescope.ui.learn;

import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.effect.DropShadow;
import javafx.scene.effect.Effect;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Popup;

import java.util.List;

/**
 * Help ▸ Guided Tour: a few steps over the main window on the bundled sample, each with Back / Next, shown in a small
 * popup beside the part it talks about, which glows orange while the step is shown.
 */
public final class GuidedTour {

    static final List<TourStep> STEPS = List.of(
            new TourStep("1. The layers", "Every prunable layer of the model: its shape, parameters and MACs. Select "
                    + "one, set a ratio, a granularity and a criterion; the totals follow live.", "layerTable"),
            new TourStep("2. The network", "The graph as the model computes it. The selected layer's channel group "
                    + "is highlighted: pruning one of these layers prunes them all together.", "networkCanvas"),
            new TourStep("3. What the criteria think", "Heatmaps and charts of the scores of every filter: the ones a "
                    + "criterion would remove first are the smallest.", "analysisTabs"),
            new TourStep("4. Before and after", "Parameters, MACs and sparsity of the whole model, before and after "
                    + "the plan.", "summaryBar"),
            new TourStep("5. Export and prove", "Export writes the pruned model and checks its outputs against the "
                    + "original in ONNX Runtime. Help ▸ Learn shows every kind of pruning on this model's weights.",
                    "toolExport"));

    private final Scene scene;
    private final Popup popup = new Popup();
    private final Label title = new Label();
    private final Label text = new Label();
    private final Label counter = new Label();
    private final Button back = new Button("Back");
    private final Button next = new Button("Next");
    private int step = -1;
    private Node highlighted;
    private Effect savedEffect;

    public GuidedTour(Scene scene) {
        this.scene = scene;
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 1.15em;");
        title.setId("tourTitle");
        text.setWrapText(true);
        text.setMaxWidth(340);
        Button close = new Button("Close");
        close.setOnAction(e -> close());
        back.setId("tourBack");
        next.setId("tourNext");
        back.setOnAction(e -> show(step - 1));
        next.setOnAction(e -> {
            if (step == STEPS.size() - 1) {
                close();
            } else {
                show(step + 1);
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
        HBox buttons = new HBox(8, counter, spacer, back, next, close);
        VBox box = new VBox(8, title, text, buttons);
        box.setPadding(new Insets(12));
        box.setPrefWidth(370);
        box.setStyle("-fx-background-color: #fffdf5; -fx-border-color: #ff8800; -fx-border-width: 2; "
                + "-fx-background-radius: 6; -fx-border-radius: 6;");
        popup.getContent().add(box);
        popup.setAutoHide(false);
    }

    public void start() {
        show(0);
    }

    public int step() {
        return step;
    }

    public boolean isShowing() {
        return popup.isShowing();
    }

    /** The node the current step highlights (null when the step's target is not in the window). */
    public Node highlighted() {
        return highlighted;
    }

    void show(int index) {
        unhighlight();
        step = Math.max(0, Math.min(STEPS.size() - 1, index));
        TourStep s = STEPS.get(step);
        title.setText(s.title());
        text.setText(s.text());
        counter.setText((step + 1) + " / " + STEPS.size());
        back.setDisable(step == 0);
        next.setText(step == STEPS.size() - 1 ? "Done" : "Next");
        Node target = scene.lookup("#" + s.targetId());
        double x = scene.getWindow().getX() + scene.getWidth() / 2;
        double y = scene.getWindow().getY() + scene.getHeight() / 2;
        if (target != null) {
            highlighted = target;
            savedEffect = target.getEffect();
            DropShadow glow = new DropShadow(28, Color.web("#ff8800"));
            glow.setSpread(0.55);
            target.setEffect(glow);
            Bounds b = target.localToScreen(target.getBoundsInLocal());
            if (b != null) {
                x = Math.min(b.getMaxX() - 380, b.getMinX() + 24);
                // Below the top of the target, or above it when the target sits in the lower part of the window.
                boolean low = b.getMinY() > scene.getWindow().getY() + scene.getHeight() * 0.6;
                y = low ? b.getMinY() - 230 : b.getMinY() + 24;
            }
        }
        popup.show(scene.getWindow(), Math.max(scene.getWindow().getX(), x), y);
    }

    public void close() {
        unhighlight();
        popup.hide();
    }

    private void unhighlight() {
        if (highlighted != null) {
            highlighted.setEffect(savedEffect);
            highlighted = null;
        }
    }
}
