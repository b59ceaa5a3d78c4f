package io.prunescope.ui;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.session.Workspace;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Locale;

import static io.prunescope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window's warm-up (src/docs/time-to-interactive.md) runs the table, inspector and heatmaps on a bundled model
 * off screen: it must really do so, and it must leave no trace in the window, which looks and behaves as if it had
 * never run.
 */
class WindowWarmUpTest extends MainWindowTestBase {

    @Start
    void start(Stage stage) throws Exception {
        showWindow(stage);
    }

    @Test
    void runsTheBundledModelOffScreenAndLeavesTheWindowAsItWas(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS); // the window settles first
        WaitForAsyncUtils.waitForFxEvents();
        String before = WaitForAsyncUtils.asyncFx(() -> describe(window)).get();
        WindowWarmUp[] warmUp = new WindowWarmUp[1];
        robot.interact(() -> warmUp[0] = new WindowWarmUp(window.scene().getStylesheets()).start());
        waitUntil(60, () -> warmUp[0].doneProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        // it ran: the table with the prunable layers, then with every node; the first conv's and the head's heatmaps
        Workspace reference = WindowWarmUp.open();
        List<PrunableLayer> layers = reference.engine().layers();
        int nodes = reference.analysis().costs().size();
        assertThat(layers).hasSize(25);
        List<String> shown = warmUp[0].shown();
        assertThat(shown).hasSize(6);
        // per round: a layer selected while the tree's rows were still going in (the selection shifted as they
        // come), the full table, the heatmaps
        String selected = "selected " + layers.get(1).name() + " while rows were added";
        assertThat(shown.get(0)).isEqualTo(selected);
        assertThat(shown.get(1)).startsWith("table " + layers.size() + " rows, ");
        assertThat(shown.get(2)).isEqualTo("heatmaps " + layers.get(0).name() + ", 2 maps");
        assertThat(shown.get(3)).isEqualTo(selected);
        assertThat(shown.get(4)).startsWith("table " + nodes + " rows, ");
        assertThat(shown.get(5)).isEqualTo("heatmaps " + layers.get(layers.size() - 1).name() + ", 1 maps");
        // the table was a tree by module: more items than rows (the stages and blocks)
        int items = Integer.parseInt(shown.get(1).replaceAll(".*, (\\d+) items", "$1"));
        assertThat(items).isGreaterThan(layers.size());

        // and the window is as it was: the same nodes, texts, states and places, no model, no plan, no selection
        assertThat(WaitForAsyncUtils.asyncFx(() -> describe(window)).get()).isEqualTo(before);
        assertThat(window.document().getWorkspace()).isNull();
        assertThat(window.document().planProperty().get()).isNull();
        assertThat(window.document().selectedNodeProperty().get()).isNull();
        assertThat(window.editor().canUndoProperty().get()).isFalse();
    }

    /** The window's visible scene graph: per node its type, id, style classes, state, text and bounds. */
    static String describe(MainWindow window) {
        StringBuilder out = new StringBuilder();
        out.append(window.document().titleProperty().get()).append(" | ")
                .append(window.document().statusProperty().get()).append('\n');
        describe(window.scene().getRoot(), 0, out);
        return out.toString();
    }

    private static void describe(Node n, int depth, StringBuilder out) {
        if (!n.isVisible()) {
            // what is hidden leaves no visible trace (a slider's axis keeps a varying number of hidden tick labels)
            return;
        }
        out.append("  ".repeat(depth)).append(n.getClass().getSimpleName()).append(' ').append(n.getId())
                .append(' ').append(n.getStyleClass())
                .append(n.isDisabled() ? " disabled" : "")
                .append(String.format(Locale.ROOT, " %.0f,%.0f %.0fx%.0f", n.getLayoutX(), n.getLayoutY(),
                        n.getLayoutBounds().getWidth(), n.getLayoutBounds().getHeight()));
        if (n instanceof Labeled l) {
            out.append(" '").append(l.getText()).append('\'');
        }
        if (n instanceof TextInputControl t) {
            out.append(" '").append(t.getText()).append('\'');
        }
        if (n instanceof TreeTableView<?> t) {
            out.append(" items ").append(t.getExpandedItemCount());
        }
        out.append('\n');
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> describe(c, depth + 1, out));
        }
    }
}
