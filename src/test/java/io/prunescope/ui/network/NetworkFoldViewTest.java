package io.prunescope.ui.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.graphview.ModuleTree;
import io.prunescope.model.InputBindings;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import io.prunescope.ui.MainViewModel;
import io.prunescope.ui.NetworkView;
import io.prunescope.ui.NetworkViewModel;
import io.prunescope.ui.Theme;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The folded network view and its module boxes on the YOLOv5s tangle (TestFX headless). */
@ExtendWith(ApplicationExtension.class)
class NetworkFoldViewTest {

    static final Path VIEW = Path.of("src/test/resources/view");
    static final Path SHOTS = Path.of("target/ui-screenshots");

    private MainViewModel document;
    private NetworkViewModel vm;
    private NetworkView view;

    @Start
    void start(Stage stage) {
        document = new MainViewModel();
        vm = new NetworkViewModel(document);
        view = new NetworkView(vm);
        Scene scene = new Scene(view, 1000, 760);
        scene.getStylesheets().setAll(Theme.baseStylesheet(), Theme.LIGHT.stylesheet(),
                NetworkView.class.getResource("network.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
    }

    static Workspace tangle() throws Exception {
        return Workspace.open(VIEW.resolve("yolov5s-tangle.onnx.gz"),
                InputBindings.none().withShape("images", new long[]{1, 3, 640, 640}), CancellationToken.NEVER,
                Progress.NONE);
    }

    private void show(FxRobot robot, Workspace ws) throws Exception {
        robot.interact(() -> {
            document.setAnalysis(ws.analysis());
            document.workspaceProperty().set(ws);
        });
        awaitLayout();
    }

    private void awaitLayout() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.layingOutProperty().get()
                && !vm.diagram().isEmpty() && vm.structureProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Point2D onScreen(FxRobot robot, double wx, double wy) {
        Canvas c = robot.lookup("#networkCanvas").queryAs(Canvas.class);
        return c.localToScreen(view.viewport().toScreenX(wx), view.viewport().toScreenY(wy));
    }

    private void reveal(FxRobot robot, NetworkDiagram.Box b) {
        robot.interact(() -> {
            view.viewport().zoomAt(1, 0, 0);
            view.viewport().centreOn(b.x(), b.y() + b.height() / 2);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theTangleIsDrawnFoldedAndAFoldMarkerExpandsOnClick(FxRobot robot) throws Exception {
        Workspace ws = tangle();
        show(robot, ws);
        ModelAnalysis a = ws.analysis();
        int drawn = new ObjectMapper().readTree(VIEW.resolve("expected-fold.json").toFile())
                .get("yolov5s-tangle.onnx.gz").get("drawn").asInt();
        NetworkDiagram d = vm.diagram();
        // boxes: the drawn nodes, one graph input, one graph output
        assertThat(d.boxes()).hasSize(drawn + 2);
        assertThat(d.boxes()).noneMatch(b -> "Constant".equals(b.op()) || "Shape".equals(b.op()));
        for (PrunableLayer l : a.prunableLayers()) {
            assertThat(d.boxOf(l.node())).as(l.name()).map(NetworkDiagram.Box::node).contains(l.node());
        }
        NetworkDiagram.Box host = d.boxes().stream().filter(NetworkDiagram.Box::hasFoldMarker)
                .filter(b -> b.op().equals("Reshape")).findFirst().orElseThrow();
        int inside = host.folded();
        reveal(robot, host);
        robot.clickOn(onScreen(robot, host.right() - NetworkModulePainterAccess.MARKER_CENTRE_FROM_RIGHT, host.y()),
                MouseButton.PRIMARY);
        awaitLayout();
        assertThat(vm.optionsProperty().get().expandedHosts()).containsExactly(host.node().index());
        assertThat(vm.diagram().boxes()).hasSize(drawn + 2 + inside);
        snapshot(robot, SHOTS.resolve("network-tangle-marker-open.png"));
        robot.clickOn("#showEverything");
        awaitLayout();
        assertThat(vm.diagram().boxes()).hasSize(a.model().graph().nodes().size() + 2);
        robot.clickOn("#showEverything");
        awaitLayout();
        assertThat(vm.diagram().boxes().size()).isLessThan(a.model().graph().nodes().size());
    }

    @Test
    void collapseAllGivesOneBoxPerModuleAndADoubleClickOpensOne(FxRobot robot) throws Exception {
        Workspace ws = tangle();
        show(robot, ws);
        ModuleTree tree = vm.structureProperty().get().tree();
        robot.clickOn("#collapseAll");
        awaitLayout();
        NetworkDiagram d = vm.diagram();
        assertThat(d.boxes().stream().filter(b -> b.kind() == NetworkDiagram.Kind.MODULE).count())
                .isEqualTo(19); // 25 top modules; the two Upsamples (Resize) and four Concats are one node each
        // every prunable layer is inside a module box, and a click on the module's strip selects a layer of it
        NetworkDiagram.Box c3 = d.boxes().stream().filter(b -> b.module() != null
                && b.module().path().equals("model.2")).findFirst().orElseThrow();
        PrunableLayer first = vm.totals(c3).layers().get(0);
        assertThat(d.boxOf(first.node())).contains(c3);
        robot.interact(view::fitToWindow);
        WaitForAsyncUtils.waitForFxEvents();
        snapshot(robot, SHOTS.resolve("network-tangle-collapsed.png"));
        reveal(robot, c3);
        // the title line (the strip below it selects the layer of the cell clicked)
        robot.clickOn(onScreen(robot, c3.x(), c3.y() + 8));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(document.selectedNodeProperty().get()).isEqualTo(first.node());
        // a click on a strip cell selects that cell's layer: the middle one of model.2's five convs
        // (cv1, cv2, cv3 and its one Bottleneck's cv1, cv2: YOLOv5s repeats the first C3's Bottleneck once)
        assertThat(vm.totals(c3).layers()).hasSize(5);
        PrunableLayer middle = vm.totals(c3).layers().get(2);
        double cell = (c3.width() - 20) / 5;
        robot.sleep(800); // not a double click with the click before
        robot.clickOn(onScreen(robot, c3.left() + 10 + 2.5 * cell, c3.bottom() - 6));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(document.selectedNodeProperty().get()).isEqualTo(middle.node());
        robot.sleep(800);
        robot.doubleClickOn(onScreen(robot, c3.x(), c3.y() + 8));
        awaitLayout();
        // model.2 is open: its cv1/cv2/cv3 convs are boxes, its Bottleneck (two convs) stays a module box
        NetworkDiagram open = vm.diagram();
        assertThat(open.boxes()).anyMatch(b -> b.node() != null && b.name().equals("/model.2/cv1/conv/Conv"));
        assertThat(open.boxes()).anyMatch(b -> b.module() != null && b.module().path().equals("model.2/m/m.0"));
        assertThat(open.boxes()).noneMatch(b -> b.module() != null && b.module().path().equals("model.2"));
    }

    private void snapshot(FxRobot robot, Path png) throws Exception {
        AtomicReference<WritableImage> img = new AtomicReference<>();
        robot.interact(() -> img.set(view.snapshot(null, null)));
        Files.createDirectories(png.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(img.get(), null), "png", png.toFile());
    }
}
