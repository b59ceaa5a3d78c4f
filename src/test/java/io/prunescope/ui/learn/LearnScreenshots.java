package io.prunescope.ui.learn;

import io.prunescope.model.InputBindings;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.stage.Screen;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README screenshots of the Learn window, written only when asked:
 * {@code mvn -o test -Dtest=LearnScreenshots -Dprunescope.learnShots=assets/screenshots -Dheadless.geometry=1600x1000-32}.
 * The gallery on the Fashion sample scrolled to filter pruning (the next layer's lost input channels beside it);
 * the criteria on a YOLOv5n layer where FPGM and the smallest-L2 rule disagree completely at 30 %; the SFP vs FPGM
 * card in presentation mode.
 */
class LearnScreenshots {

    @Test
    void writeScreenshots() throws Exception {
        String target = System.getProperty("prunescope.learnShots");
        assumeTrue(target != null, "screenshots only with -Dprunescope.learnShots=DIR");
        Files.createDirectories(Path.of(target));
        FxToolkit.registerPrimaryStage();
        LearnWindow gallery = open("assets/models/fashion-resnet.onnx", "/stage2/conv1/Conv", 0.5);
        WaitForAsyncUtils.asyncFx(() -> {
            Node filterRow = gallery.gallery.getChildren().get(Granularity.FILTER.ordinal());
            ScrollPane scroll = (ScrollPane) gallery.gallery.getParent().getParent().getParent();
            double content = gallery.gallery.getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(Math.min(1, (filterRow.getBoundsInParent().getMinY() - 8) / content));
        }).get();
        shoot(gallery, Path.of(target, "learn-gallery.png"));
        LearnWindow criteria = open("assets/models/yolov5n-fashion.onnx", "/b8/m/m.0/cv2/conv/Conv", 0.3);
        WaitForAsyncUtils.asyncFx(() -> criteria.tabs.getSelectionModel().select(1)).get();
        shoot(criteria, Path.of(target, "learn-criteria.png"));
        WaitForAsyncUtils.asyncFx(() -> {
            criteria.tabs.getSelectionModel().select(2);
            criteria.viewModel().presentationProperty().set(true);
        }).get();
        shoot(criteria, Path.of(target, "learn-card-presentation.png"));
    }

    private static LearnWindow open(String model, String layer, double ratio) throws Exception {
        Workspace ws = Workspace.open(Path.of(model), InputBindings.none(), CancellationToken.NEVER, Progress.NONE);
        AtomicReference<LearnWindow> ref = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            LearnWindow w = LearnWindow.create(ws, layer);
            w.viewModel().ratioProperty().set(ratio);
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            w.stage().setWidth(Math.min(1500, screen.getWidth()));
            w.stage().setHeight(Math.min(940, screen.getHeight()));
            w.stage().show();
            ref.set(w);
        }).get();
        LearnWindow w = ref.get();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> w.viewModel().resultProperty().get() != null
                && !w.viewModel().busyProperty().get() && w.viewModel().resultProperty().get().ratio() == ratio);
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        return w;
    }

    private static void shoot(LearnWindow w, Path file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.asyncFx(() -> {
            io.prunescope.ui.Screenshot.write(w.stage().getScene(), file);
            return null;
        }).get();
    }

}
