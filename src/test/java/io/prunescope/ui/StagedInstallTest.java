package io.prunescope.ui;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.graphview.ViewOptions;
import io.prunescope.graphview.ViewStructure;
import io.prunescope.task.CancellationToken;
import io.prunescope.ui.network.NetworkDiagram;
import io.prunescope.ui.responsiveness.FrameGate;
import javafx.animation.AnimationTimer;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.prunescope.ui.UiTestSupport.openAndWait;
import static io.prunescope.ui.UiTestSupport.text;
import static io.prunescope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opening a model is spread over several pulses (src/docs/time-to-interactive.md): the document is installed with
 * the workers held back, the table becomes a tree by module when the layout's structure arrives and the diagram is
 * drawn a pulse later. This test opens a 600-node chain and checks both the staging and that the staged result is
 * what the model says it must be: the table lists every conv by stage, the summary's MACs are the hand-computed ones,
 * the diagram equals one built directly from the analysis.
 */
class StagedInstallTest extends MainWindowTestBase {

    private static final int BLOCKS = 300;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) throws Exception {
        showWindow(stage);
    }

    @Test
    void aLargeModelIsInstalledInStagesWithTheSameTableSummaryAndNetwork(FxRobot robot) throws Exception {
        Path file = ChainModel.write(dir, BLOCKS);
        List<Boolean> gateClosedAtInstall = new CopyOnWriteArrayList<>();
        long[] pulses = {0};
        List<Long> structurePulse = new CopyOnWriteArrayList<>();
        List<Long> diagramPulse = new CopyOnWriteArrayList<>();
        // rows in the table at each pulse once the tree by module is shown
        List<Integer> treeRows = new CopyOnWriteArrayList<>();
        TreeTableView<LayerRow> shownTable = robot.lookup("#layerTable").queryAs(TreeTableView.class);
        AnimationTimer counter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses[0]++;
                if (!structurePulse.isEmpty()) {
                    int n = shownTable.getExpandedItemCount();
                    if (treeRows.isEmpty() || treeRows.get(treeRows.size() - 1) != n) {
                        treeRows.add(n);
                    }
                }
            }
        };
        robot.interact(() -> {
            counter.start();
            window.document().workspaceProperty().addListener((obs, old, now) -> {
                if (now != null) {
                    gateClosedAtInstall.add(FrameGate.shared().isClosed());
                }
            });
            window.networkModel().structureProperty().addListener((obs, old, now) -> {
                if (now != null) {
                    structurePulse.add(pulses[0]);
                }
            });
            window.networkModel().diagramProperty().addListener((obs, old, now) -> {
                if (now != null && !now.isEmpty()) {
                    diagramPulse.add(pulses[0]);
                }
            });
        });
        openAndWait(robot, window, file);
        waitUntil(() -> !window.networkModel().layingOutProperty().get()
                && !window.networkModel().diagram().isEmpty());
        // the table's rows are added a screenful at a time over a few pulses (LayerTableView.install)
        LayerTableView layers = robot.lookup(".layer-panel").queryAs(LayerTableView.class);
        waitUntil(() -> !layers.fillingProperty().get());

        robot.interact(counter::stop);
        // staged: workers were held while the document was installed; the diagram came a pulse after the table's tree
        assertThat(gateClosedAtInstall).containsExactly(true);
        assertThat(structurePulse).hasSize(1);
        assertThat(diagramPulse).hasSize(1);
        assertThat(diagramPulse.get(0)).isGreaterThan(structurePulse.get(0));
        // the tree's rows came a stage (a module row and its 10 convs: 11 rows, more than the 8 a pulse) per pulse
        // until a screenful (48) was in, then the other 25 stages at once: 30 × 11 rows in all
        assertThat(treeRows).containsExactly(11, 22, 33, 44, 55, 30 * 11);

        ModelAnalysis analysis = window.document().getAnalysis();
        // every conv is prunable, none else: 300 layers
        List<String> convs = analysis.prunableLayers().stream()
                .sorted(Comparator.comparingInt(l -> l.node().index())).map(PrunableLayer::name).toList();
        assertThat(convs).hasSize(BLOCKS).allMatch(n -> n.endsWith("/conv/Conv"));

        // the table: one module row per stage of ten blocks, its convs under it in model order
        TreeTableView<LayerRow> table = robot.lookup("#layerTable").queryAs(TreeTableView.class);
        List<TreeItem<LayerRow>> stages = table.getRoot().getChildren();
        assertThat(stages).hasSize(BLOCKS / 10);
        assertThat(stages).allMatch(s -> s.getValue().isModule() && s.getChildren().size() == 10);
        assertThat(stages.stream().flatMap(s -> s.getChildren().stream()).map(i -> i.getValue().name()).toList())
                .isEqualTo(convs);

        // the summary: MACs of a 4→4 3×3 conv on 8×8 is 4·4·9·64 = 9,216; a Relu costs none
        long macs = (long) BLOCKS * 4 * 4 * 9 * 8 * 8;
        assertThat(analysis.totalMacs()).isEqualTo(macs);
        assertThat(text(robot, "#summaryMacs")).isEqualTo(Formats.count(macs));
        assertThat(text(robot, "#summaryNodes")).isEqualTo(Formats.count(2L * BLOCKS));

        // the network: the same boxes as a diagram built directly from the analysis with the default view
        NetworkDiagram reference = NetworkDiagram.build(analysis,
                ViewStructure.of(analysis, new CancellationToken()).viewGraph(ViewOptions.folded()),
                new CancellationToken());
        assertThat(window.networkModel().diagram().boxes().stream().map(NetworkDiagram.Box::name).toList())
                .isEqualTo(reference.boxes().stream().map(NetworkDiagram.Box::name).toList());
        assertThat(drawsEveryLayer(window.networkModel().diagram(), analysis)).isTrue();
    }

    @Test
    void hiddenChartsAreFilledWhenTheirTabIsShownWithTheModelsCosts(FxRobot robot) throws Exception {
        openAndWait(robot, window, TestModels.RESIDUAL);
        org.jfree.data.category.CategoryDataset bars = window.charts().barsChart().getCategoryPlot().getDataset();
        // the heatmaps tab shows: the per-layer bars were not drawn for nothing
        assertThat(window.analysisTabs().selectedId()).isEqualTo(AnalysisTabs.HEATMAPS);
        assertThat(bars == null ? 0 : bars.getColumnCount()).isZero();

        robot.interact(() -> window.analysisTabs().select(AnalysisTabs.COSTS));
        waitUntil(() -> window.charts().barsChart().getCategoryPlot().getDataset().getColumnCount() > 0);
        bars = window.charts().barsChart().getCategoryPlot().getDataset();
        ModelAnalysis analysis = window.document().getAnalysis();
        assertThat(bars.getColumnCount()).isEqualTo(analysis.prunableLayers().size());
        long keptSum = 0;
        for (int c = 0; c < bars.getColumnCount(); c++) {
            keptSum += bars.getValue("kept", bars.getColumnKey(c)).longValue();
        }
        // nothing pruned: every layer keeps all its MACs
        assertThat(keptSum).isEqualTo(analysis.prunableLayers().stream()
                .mapToLong(l -> analysis.cost(l.node()).macs()).sum());
    }

    private static boolean drawsEveryLayer(NetworkDiagram d, ModelAnalysis analysis) {
        if (d == null || d.isEmpty()) {
            return false;
        }
        List<String> names = d.boxes().stream().map(NetworkDiagram.Box::name).toList();
        return analysis.prunableLayers().stream().allMatch(l -> names.contains(l.name()));
    }
}
