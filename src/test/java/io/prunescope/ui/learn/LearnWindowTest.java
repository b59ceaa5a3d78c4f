package io.prunescope.ui.learn;

import io.prunescope.learn.CriteriaComparison;
import io.prunescope.learn.GalleryEntry;
import io.prunescope.measure.BundledSample;
import io.prunescope.model.InputBindings;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.LayerWeights;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.GeometricMedianPoint;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.prune.criteria.ScoreOptions;
import io.prunescope.prune.criteria.Scorer;
import io.prunescope.prune.criteria.UnitSelection;
import io.prunescope.prune.criteria.WeightView;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Learn window headless on the bundled sample: what it draws is what the engine decides, and it exports. */
class LearnWindowTest {

    private static final String LAYER = "/stage2/conv1/Conv";

    @Test
    void galleryAndProjectionMatchTheEngineAndPicturesExport(@TempDir Path dir) throws Exception {
        assumeTrue(BundledSample.isPresent(BundledSample.defaultAssets()), "Fashion sample not in assets/");
        FxToolkit.registerPrimaryStage();
        Workspace ws = Workspace.open(BundledSample.defaultAssets().resolve(BundledSample.MODEL), InputBindings.none(),
                CancellationToken.NEVER, Progress.NONE);
        AtomicReference<LearnWindow> ref = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            LearnWindow w = LearnWindow.create(ws, LAYER);
            w.stage().show();
            ref.set(w);
        }).get();
        LearnWindow w = ref.get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> w.viewModel().resultProperty().get() != null
                && !w.viewModel().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        LearnResult r = w.viewModel().resultProperty().get();
        assertThat(r.layer()).isEqualTo(LAYER);
        assertThat(w.gallery.getChildren()).hasSize(Granularity.values().length);

        // Gallery: every shown mask has the count of the engine's own decision for that granularity at 50 %.
        for (GalleryEntry e : r.gallery()) {
            if (!e.available() || e.granularity() == Granularity.LAYER) {
                continue;
            }
            PruneDecision d = ws.decide(ws.emptyPlan().withLayer(LAYER,
                    new LayerSetting(e.granularity(), Criterion.L1, 0.5, false, 2, 4)));
            int engineCount = switch (e.granularity()) {
                case FILTER -> d.removedCount(ws.engine().layer(LAYER).orElseThrow().node().output(0)) * r.view().rowLength();
                case CHANNEL -> d.removedChannels().values().stream().mapToInt(java.util.BitSet::cardinality).max()
                        .orElse(0) * r.view().outChannels() * r.view().kernelArea();
                default -> d.fineZeros().get(LAYER).cardinality();
            };
            assertThat(e.removedElements()).as(e.granularity().name()).isEqualTo(engineCount);
        }

        // Projection: the picks ringed are the engine scorer's selections; the median is the engine's.
        WeightView view = LayerWeights.of(ws.engine().layer(LAYER).orElseThrow()).view();
        for (Criterion c : new Criterion[]{Criterion.L2, Criterion.FPGM}) {
            assertThat(r.comparison().pick(c).removed()).containsExactly(UnitSelection.select(
                    Scorer.scores(view, Granularity.FILTER, c, ScoreOptions.defaults()), 0.5).prunedUnits());
        }
        double[] median = GeometricMedianPoint.ofRows(view, ScoreOptions.defaults());
        double x = 0;
        for (int j = 0; j < median.length; j++) {
            x += (median[j] - r.projection().mean()[j]) * r.projection().axes()[0][j];
        }
        assertThat(r.projection().median()[0]).isEqualTo(x, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(CriteriaComparison.CRITERIA).hasSize(r.comparison().picks().size());

        // Export: PNG read back at the chosen size, SVG parsed as XML.
        Path png = dir.resolve("gallery.png");
        Path svg = dir.resolve("projection.svg");
        WaitForAsyncUtils.asyncFx(() -> {
            w.viewModel().exportWidthProperty().set(1200);
            w.viewModel().exportHeightProperty().set(700);
            w.export(w.currentPicture(), png, "png");
            w.tabs.getSelectionModel().select(1);
            w.export(w.currentPicture(), svg, "svg");
        }).get();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(700);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getAttribute("width")).isEqualTo("1200");
        int dots = view.outChannels();
        // one dot per filter, one ring per L2 pick and per FPGM pick, one for each legend ring
        assertThat(doc.getElementsByTagName("circle").getLength()).isEqualTo(dots + 2 * (dots / 2) + 2);

        // The SFP vs FPGM card exports too, its facts in the SVG's text.
        Path card = dir.resolve("card.svg");
        WaitForAsyncUtils.asyncFx(() -> {
            w.tabs.getSelectionModel().select(2);
            w.export(w.currentPicture(), card, "svg");
        }).get();
        Document cardDoc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(card.toFile());
        String text = cardDoc.getDocumentElement().getTextContent();
        assertThat(text).contains("SFP").contains("FPGM").contains("geometric median").contains("norm share");

        // F5: presentation mode hides the controls and comes back.
        Node controls = w.stage().getScene().lookup("#learnControls");
        assertThat(controls.isVisible()).isTrue();
        WaitForAsyncUtils.asyncFx(() -> w.stage().getScene().getRoot().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED,
                "", "", KeyCode.F5, false, false, false, false))).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.viewModel().presentationProperty().get()).isTrue();
        assertThat(controls.isVisible()).isFalse();
        WaitForAsyncUtils.asyncFx(() -> w.stage().getScene().getRoot().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED,
                "", "", KeyCode.F5, false, false, false, false))).get();
        assertThat(w.viewModel().presentationProperty().get()).isFalse();
        WaitForAsyncUtils.asyncFx(() -> w.stage().close()).get();
    }
}
