package io.prunescope.ui;

import javafx.geometry.VPos;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.MatrixType;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Text drawn in screen pixels by {@link ScreenText} lands where the same text drawn under the canvas's zoom
 * transform lands (the network view's old way), at the same size, aligned and squeezed alike, and leaves the
 * canvas's transform and font as they were.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenTextTest {

    private static final double ZOOM = 0.6;
    private static final Font BOLD = Font.font("System", FontWeight.BOLD, 12);

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Pane(), 10, 10));
    }

    /** Ink bounds {minX, minY, maxX, maxY} of what {@code draw} paints in world coordinates at ZOOM, offset. */
    private static double[] ink(Consumer<GraphicsContext> draw) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Canvas canvas = new Canvas(400, 120);
            GraphicsContext g = canvas.getGraphicsContext2D();
            g.setFill(Color.WHITE);
            g.fillRect(0, 0, 400, 120);
            g.save();
            g.scale(ZOOM, ZOOM);
            g.translate(-100, -40);
            g.setFill(Color.BLACK);
            g.setTextBaseline(VPos.CENTER);
            draw.accept(g);
            g.restore();
            return bounds(canvas.snapshot(null, null));
        }).get();
    }

    private static double[] bounds(Image img) {
        PixelReader r = img.getPixelReader();
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -1, -1};
        for (int y = 0; y < (int) img.getHeight(); y++) {
            for (int x = 0; x < (int) img.getWidth(); x++) {
                if (r.getColor(x, y).getBrightness() < 0.6) {
                    b[0] = Math.min(b[0], x);
                    b[1] = Math.min(b[1], y);
                    b[2] = Math.max(b[2], x);
                    b[3] = Math.max(b[3], y);
                }
            }
        }
        return b;
    }

    @Test
    void landsWhereTheZoomedTextLandsAtTheSameSize() throws Exception {
        ScreenText text = new ScreenText();
        String s = "Conv /model.0/conv";
        double[] zoomed = ink(g -> {
            g.setFont(BOLD);
            g.fillText(s, 150, 80);
        });
        double[] screen = ink(g -> text.fill(g, BOLD, s, 150, 80));
        // world (150, 80) is screen ((150 - 100) · 0.6, (80 - 40) · 0.6) = (30, 24): the ink starts there
        assertThat(zoomed[0]).isCloseTo(30, within(2.0));
        for (int i = 0; i < 4; i++) {
            assertThat(screen[i]).as("edge %d", i).isCloseTo(zoomed[i], within(2.0));
        }
        assertThat(screen[2] - screen[0]).isGreaterThan(60); // really text, some 80 px wide at 7.2 px bold
    }

    @Test
    void keepsTheAlignmentAndSqueezesIntoTheWorldWidth() throws Exception {
        ScreenText text = new ScreenText();
        double[] right = ink(g -> {
            g.setTextAlign(TextAlignment.RIGHT);
            text.fill(g, BOLD, "[1×32×320×320]", 500, 80);
        });
        assertThat(right[2]).isCloseTo((500 - 100) * ZOOM, within(2.0));
        String longName = "/model.24/m.2/Conv_output_0 and more";
        double[] free = ink(g -> text.fill(g, BOLD, longName, 150, 80));
        double[] squeezed = ink(g -> text.fill(g, BOLD, longName, 150, 80, 100));
        assertThat(free[2] - free[0]).isGreaterThan(100 * ZOOM + 20);
        assertThat(squeezed[2] - squeezed[0]).isLessThanOrEqualTo(100 * ZOOM + 1);
    }

    @Test
    void leavesTheTransformAndFontAsTheyWere() throws Exception {
        ScreenText text = new ScreenText();
        WaitForAsyncUtils.asyncFx(() -> {
            GraphicsContext g = new Canvas(50, 50).getGraphicsContext2D();
            g.scale(ZOOM, ZOOM);
            g.translate(-3, 7);
            Font before = Font.font("Monospaced", 10.5);
            g.setFont(before);
            double[] t = g.getTransform().toArray(MatrixType.MT_2D_2x3);
            text.fill(g, BOLD, "x", 1, 2, 30);
            assertThat(g.getTransform().toArray(MatrixType.MT_2D_2x3)).containsExactly(t);
            assertThat(g.getFont()).isEqualTo(before);
        }).get();
    }

    @Test
    void scaledFontsKeepFamilyAndWeightAndAreReused() {
        ScreenText text = new ScreenText();
        Font small = text.at(BOLD, 7.2);
        assertThat(small.getSize()).isEqualTo(7); // whole pixels: glyph masks sit at whole pixels
        assertThat(small.getStyle().toLowerCase()).contains("bold");
        assertThat(small.getFamily()).isEqualTo(BOLD.getFamily());
        assertThat(text.at(BOLD, 7.2)).isSameAs(small);
        assertThat(text.at(BOLD, 7.4)).isSameAs(small);
        assertThat(text.at(BOLD, 7.6).getSize()).isEqualTo(8);
        Font plain = text.at(Font.font("System", 10.5), 7.2);
        assertThat(plain.getStyle().toLowerCase()).doesNotContain("bold");
    }
}
