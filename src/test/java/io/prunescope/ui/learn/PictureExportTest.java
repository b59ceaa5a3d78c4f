package io.prunescope.ui.learn;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The same painter gives a PNG with the painted pixels and an SVG with the painted shapes and escaped text. */
class PictureExportTest {

    /** A red square at (10, 10) of side 20, a blue ring at (60, 30), and text that needs escaping. */
    private static final LearnPicture PICTURE = (g, w, h, s) -> {
        g.fillRect(10, 10, 20, 20, Color.RED);
        g.circle(60, 30, 8, null, Color.BLUE, 2);
        g.text(5, 55, "a < b & \"c\" > d", Color.BLACK, 12, true);
    };

    @Test
    void pngHasThePaintedPixelsAtTheChosenSize(@TempDir Path dir) throws Exception {
        FxToolkit.registerPrimaryStage();
        Path png = dir.resolve("x.png");
        WaitForAsyncUtils.asyncFx(() -> {
            PictureExport.png(PICTURE, 120, 64, LearnStyle.NORMAL, png);
            return null;
        }).get();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(120);
        assertThat(image.getHeight()).isEqualTo(64);
        assertThat(image.getRGB(20, 20) & 0xffffff).isEqualTo(0xff0000);
        assertThat(image.getRGB(100, 5) & 0xffffff).as("background").isEqualTo(0xffffff);
    }

    @Test
    void svgHasTheShapesAndEscapedText() throws Exception {
        String svg = PictureExport.svg(PICTURE, 120, 64, LearnStyle.NORMAL);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 120 64");
        Element square = (Element) root.getElementsByTagName("rect").item(1); // item 0 is the background
        assertThat(square.getAttribute("x")).isEqualTo("10.00");
        assertThat(square.getAttribute("width")).isEqualTo("20.00");
        assertThat(square.getAttribute("fill")).isEqualTo("#ff0000");
        Element ring = (Element) root.getElementsByTagName("circle").item(0);
        assertThat(ring.getAttribute("fill")).isEqualTo("none");
        assertThat(ring.getAttribute("stroke")).isEqualTo("#0000ff");
        assertThat(root.getElementsByTagName("text").item(0).getTextContent()).isEqualTo("a < b & \"c\" > d");
    }
}
