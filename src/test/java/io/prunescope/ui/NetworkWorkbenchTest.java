package io.prunescope.ui;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.ui.network.NetworkDiagram;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.prunescope.ui.UiTestSupport.openAndWait;
import static io.prunescope.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The workbench around the network view (issue 11): selection round trip, maximised panes, pictures. */
class NetworkWorkbenchTest extends MainWindowTestBase {


    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws Exception {
        showWindow(stage);
    }

    private NetworkView network(FxRobot robot) {
        return robot.lookup(".network-panel").queryAs(NetworkView.class);
    }

    private void open(FxRobot robot) throws Exception {
        openAndWait(robot, window, TestModels.RESIDUAL);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !network(robot).diagram().isEmpty()
                && network(robot).profile().layers().size() == window.document().getAnalysis()
                .prunableLayers().size());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private io.prunescope.model.Node selected() {
        return window.document().selectedNodeProperty().get();
    }

    private String tableSelection(FxRobot robot) {
        var item = LayerTables.table(robot).getSelectionModel().getSelectedItem();
        return item == null ? null : item.getValue().name();
    }

    @Test
    void selectionMakesTheRoundTripBetweenTreeTableGraphAndProfile(FxRobot robot) throws Exception {
        open(robot);
        List<PrunableLayer> layers = window.document().getAnalysis().prunableLayers();
        NetworkView view = network(robot);
        NetworkProfileStrip strip = view.profile();
        assertThat(strip.layers()).isEqualTo(layers);

        // table → graph and profile
        LayerTables.scrollTo(robot, TestModels.LAYER);
        robot.clickOn(robot.lookup(".tree-table-cell").match(LabeledMatchers.hasText(TestModels.LAYER))
                .queryAs(Node.class));
        waitUntil(() -> selected() != null && selected().displayName().equals(TestModels.LAYER));
        NetworkDiagram.Box box = view.diagram().boxOf(selected()).orElseThrow();
        assertThat(box.name()).isEqualTo(TestModels.LAYER);

        // profile → table and graph: the bar of the last prunable layer
        PrunableLayer last = layers.get(layers.size() - 1);
        double x = strip.barCentre(last);
        Point2D onScreen = strip.localToScreen(x, NetworkProfileStrip.HEIGHT / 2);
        robot.clickOn(onScreen);
        waitUntil(() -> selected() == last.node());
        waitUntil(() -> last.name().equals(tableSelection(robot)));
        assertThat(view.diagram().boxOf(selected())).map(NetworkDiagram.Box::node).contains(last.node());

        // graph → table and profile: click the box of the first prunable layer
        PrunableLayer first = layers.get(0);
        var canvas = robot.lookup("#networkCanvas").queryAs(javafx.scene.canvas.Canvas.class);
        NetworkDiagram.Box firstBox = view.diagram().boxOf(first.node()).orElseThrow();
        robot.interact(() -> view.viewport().centreOn(firstBox.x(), firstBox.y() + firstBox.height() / 2));
        double[] c2 = view.screenCentreOf(first.node()).orElseThrow();
        robot.clickOn(canvas.localToScreen(c2[0], c2[1]));
        waitUntil(() -> selected() == first.node());
        waitUntil(() -> first.name().equals(tableSelection(robot)));
        assertThat(strip.layerAt(strip.barCentre(first))).contains(first);
    }

    @Test
    void doubleClickingAPaneTitleMaximisesItAndAgainPutsItBack(FxRobot robot) throws Exception {
        open(robot);
        NetworkView view = network(robot);
        double before = view.getWidth();
        Label title = (Label) view.lookup(".panel-title");
        robot.doubleClickOn(title);
        WaitForAsyncUtils.waitForFxEvents();
        double sceneWidth = stage.getScene().getWidth();
        assertThat(view.getWidth()).isGreaterThan(before).isCloseTo(sceneWidth, org.assertj.core.data.Offset.offset(2.0));
        assertThat(robot.lookup("#mainSplit").query().isVisible()).isFalse();
        robot.doubleClickOn(title);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.getWidth()).isCloseTo(before, org.assertj.core.data.Offset.offset(2.0));
        // remembered: maximised when the window closes, maximised when it opens again
        robot.doubleClickOn(title);
        robot.interact(() -> stage.close());
        assertThat(prefs.getInt("layout.maximisedPane", -1)).isEqualTo(1);
    }

    @Test
    void exportsTheWholeNetworkAndTheVisiblePartAsPngAndSvgWithThePlansColours(FxRobot robot) throws Exception {
        open(robot);
        robot.interact(() -> window.applyDemo("fpgm:0.5"));
        UiTestSupport.waitIdle(window);
        NetworkView view = network(robot);
        NetworkDiagram d = view.diagram();
        Path png = tmp.resolve("whole.png");
        Path svg = tmp.resolve("whole.svg");
        Path part = tmp.resolve("part.png");
        Path partSvg = tmp.resolve("part.svg");
        robot.interact(() -> {
            try {
                view.exportPng(png, true);
                view.exportSvg(svg, true);
                view.exportPng(part, false);
                view.exportSvg(partSvg, false);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo((int) Math.ceil(d.width()));
        assertThat(img.getHeight()).isEqualTo((int) Math.ceil(d.height()));
        BufferedImage shown = ImageIO.read(part.toFile());
        assertThat(shown.getWidth()).isEqualTo((int) Math.ceil(view.viewport().worldWidth() * view.viewport().zoom()));
        String text = Files.readString(svg);
        assertThat(count(text, "<g><rect ")).isEqualTo(d.boxes().size());
        assertThat(count(text, "<path d=")).isEqualTo(d.edges().size());
        // every prunable layer is half pruned: its box is filled with the palette's colour for "kept 50 %"
        NetworkPalette p = NetworkPalette.of(window.document().themeProperty().get());
        PrunableLayer l = window.document().getAnalysis().layer(TestModels.LAYER).orElseThrow();
        NetworkDiagram.Box b = d.boxOf(l.node()).orElseThrow();
        double kept = network(robot).diagram() == d ? keptOf(robot, b) : Double.NaN;
        assertThat(kept).isLessThan(1);
        assertThat(text).contains("fill=\"" + NetworkPictures.css(p.keptFill(kept)) + "\"");
        // the PNG has that fill inside the box too (whole picture at scale 1)
        int argb = img.getRGB((int) b.left() + 30, (int) b.y() + 40);
        javafx.scene.paint.Color want = p.keptFill(kept);
        assertThat(Math.abs(((argb >> 16) & 255) - want.getRed() * 255)).isLessThan(6);
        assertThat(Files.readString(partSvg)).contains("<svg").contains("</svg>");
        assertThat(count(Files.readString(partSvg), "<g><rect ")).isLessThanOrEqualTo(d.boxes().size());
    }

    private double keptOf(FxRobot robot, NetworkDiagram.Box b) {
        PrunableLayer l = b.layer();
        var d = window.document().decisionProperty().get();
        return 1 - (double) d.removedCount(l.node().output(0)) / l.outputUnits();
    }

    private static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
