package io.prunescope.ui;

import javafx.animation.AnimationTimer;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.prunescope.ui.UiTestSupport.openAndWait;
import static io.prunescope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model opened into an empty table is shown for its first frame with the columns in the panel's view only (the
 * others come back one per pulse: {@link ColumnsInView}, src/docs/time-to-interactive.md, third round). Checked
 * against the columns' own widths: the first frame has exactly the columns that start inside the table's width, each
 * next frame one more, in the same order as before the model was opened; and the rows show the model's values.
 */
class ColumnsInViewTest extends MainWindowTestBase {

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) throws Exception {
        showWindow(stage);
    }

    @Test
    void theFirstFrameHasTheColumnsInViewAndTheOthersComeBackOnePerFrame(FxRobot robot) throws Exception {
        Path file = ChainModel.write(dir, 30);
        TreeTableView<LayerRow> table = robot.lookup("#layerTable").queryAs(TreeTableView.class);
        List<TreeTableColumn<LayerRow, ?>> columns = List.copyOf(table.getColumns());
        assertThat(columns).allMatch(TreeTableColumn::isVisible);
        // the columns that start inside the table's width, from the columns' widths
        List<String> inView = new ArrayList<>();
        double left = 0;
        for (TreeTableColumn<LayerRow, ?> c : columns) {
            if (left < table.getWidth()) {
                inView.add(c.getText());
            }
            left += c.getWidth();
        }
        assertThat(inView).as("the panel shows fewer columns than the table has").hasSizeLessThan(columns.size());
        List<Double> widths = columns.stream().map(TreeTableColumn::getWidth).toList();

        // the visible columns at each frame once rows are in
        List<List<String>> framesColumns = new CopyOnWriteArrayList<>();
        AnimationTimer frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (table.getExpandedItemCount() > 0) {
                    List<String> shown = table.getVisibleLeafColumns().stream().map(TreeTableColumn::getText).toList();
                    if (framesColumns.isEmpty() || !framesColumns.get(framesColumns.size() - 1).equals(shown)) {
                        framesColumns.add(shown);
                    }
                }
            }
        };
        robot.interact(frames::start);
        openAndWait(robot, window, file);
        LayerTableView layers = robot.lookup(".layer-panel").queryAs(LayerTableView.class);
        waitUntil(() -> !layers.fillingProperty().get());
        robot.interact(frames::stop);

        // the first frame: the columns in view; then one more per frame, in their places, until all are back
        List<String> all = columns.stream().map(TreeTableColumn::getText).toList();
        List<List<String>> expected = new ArrayList<>();
        for (int n = inView.size(); n <= all.size(); n++) {
            expected.add(all.subList(0, n));
        }
        assertThat(framesColumns).containsExactlyElementsOf(expected);
        assertThat(table.getColumns()).containsExactlyElementsOf(columns);
        assertThat(table.getVisibleLeafColumns()).containsExactlyElementsOf(columns);
        // each column as wide as before (JavaFX would size a column at its default width to its content)
        assertThat(columns.stream().map(TreeTableColumn::getWidth).toList()).usingElementComparator(
                (a, b) -> Math.abs(a - b) < 1e-6 ? 0 : Double.compare(a, b)).isEqualTo(widths);
        // the rows: every prunable layer of the chain (at least), each with its node's op
        var analysis = window.document().getAnalysis();
        List<LayerRow> rows = layers.rows();
        assertThat(rows.stream().map(LayerRow::name).toList()).containsAll(analysis.prunableLayers().stream()
                .map(io.prunescope.analysis.PrunableLayer::name).toList());
        assertThat(rows).allMatch(r -> r.op().equals(r.node().opType()));
    }
}
