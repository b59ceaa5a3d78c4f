package io.prunescope.ui;

import io.prunescope.model.Node;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;

import java.util.List;

import static io.prunescope.ui.UiTestSupport.openAndWait;
import static io.prunescope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inspector's granularity and criterion boxes have a set width, so that they do not measure a list cell per item
 * after every selection (src/docs/time-to-interactive.md, third round). That width must still fit every label: the
 * reference is JavaFX's own measure of a box holding every granularity (or criterion) with the same converter and
 * style, in the same panel. And the boxes still show the selected layer's setting and offer every criterion.
 */
class InspectorComboWidthTest extends MainWindowTestBase {

    @Start
    void start(Stage stage) throws Exception {
        showWindow(stage);
    }

    @Test
    void fixedWidthBoxesFitEveryLabelAndShowTheLayersSetting(FxRobot robot) throws Exception {
        openAndWait(robot, window, TestModels.RESIDUAL);
        Node layer = window.document().getWorkspace().engine().layers().stream()
                .filter(l -> l.name().equals(TestModels.LAYER)).findFirst().orElseThrow().node();
        robot.interact(() -> window.document().selectedNodeProperty().set(layer));
        ComboBox<Granularity> granularity = combo(robot, "#granularityBox");
        ComboBox<Criterion> criterion = combo(robot, "#criterionBox");
        waitUntil(() -> granularity.isVisible() && granularity.getWidth() > 0);

        double[] natural = new double[2];
        robot.interact(() -> {
            natural[0] = naturalWidth(granularity, List.of(Granularity.values()));
            natural[1] = naturalWidth(criterion, List.of(Criterion.values()));
        });
        for (ComboBox<?> box : List.of(granularity, criterion, combo(robot, "#defaultGranularityBox"),
                combo(robot, "#defaultCriterionBox"))) {
            // a set width, not the computed one: the box does not measure its list
            assertThat(box.getPrefWidth()).isPositive();
            assertThat(box.getPrefWidth()).as(box.getId()).isGreaterThanOrEqualTo(Math.max(natural[0], natural[1]));
        }

        // the boxes show the layer's setting in force (the plan's), as before
        LayerSetting setting = window.editor().current().settingFor(TestModels.LAYER);
        assertThat(granularity.getValue()).isEqualTo(setting.granularity());
        assertThat(criterion.getValue()).isEqualTo(setting.criterion());
        assertThat(criterion.getItems()).containsExactly(Criterion.values());

        // every criterion is offered in the popup, its label not cut
        robot.clickOn(criterion);
        waitUntil(() -> robot.lookup(".combo-box-popup .list-cell")
                .match(LabeledMatchers.hasText(Criterion.RANDOM.label())).tryQuery().isPresent());
        for (Criterion c : Criterion.values()) {
            ListCell<?> cell = robot.lookup(".combo-box-popup .list-cell").match(LabeledMatchers.hasText(c.label()))
                    .queryAs(ListCell.class);
            assertThat(cell.getWidth()).as(c.label()).isGreaterThanOrEqualTo(cell.prefWidth(-1) - 0.5);
        }
        robot.type(KeyCode.ESCAPE);
    }

    /** The width JavaFX gives a box like {@code box} (converter, style) holding {@code items}, measured in place. */
    private static <T> double naturalWidth(ComboBox<T> box, List<T> items) {
        ComboBox<T> probe = new ComboBox<>();
        probe.getItems().setAll(items);
        probe.setConverter(box.getConverter());
        probe.getStyleClass().setAll(box.getStyleClass());
        probe.getStyleClass().remove(io.prunescope.ui.inspector.PruningPanel.FIXED_WIDTH);
        Pane parent = (Pane) box.getParent();
        parent.getChildren().add(probe);
        try {
            probe.applyCss();
            return probe.prefWidth(-1);
        } finally {
            parent.getChildren().remove(probe);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> ComboBox<T> combo(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(ComboBox.class);
    }
}
