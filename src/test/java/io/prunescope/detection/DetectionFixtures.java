package io.prunescope.detection;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** Temp-folder data sets and the tiny models of src/tools/make_detection_test_models.py. */
public final class DetectionFixtures {

    private DetectionFixtures() {
    }

    /** Writes a PNG of {@code w × h} whose pixel (x, y) is (x, y, x + y) mod 256. */
    public static Path png(Path file, int w, int h) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, ((x & 0xFF) << 16) | ((y & 0xFF) << 8) | ((x + y) & 0xFF));
            }
        }
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    public static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** Copies {@code /detection/NAME} from the test resources to {@code dir}. */
    public static Path model(String name, Path dir) {
        try (InputStream in = DetectionFixtures.class.getResourceAsStream("/detection/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /detection/" + name + " is missing");
            }
            Path out = dir.resolve(name);
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The YOLO data set the constant models are scored on (see DetectionEvaluatorTest for the hand computation):
     * {@code images/1.png} 128×64 with a class-0 object at (16, 16)–(48, 48); {@code images/2.png} 64×64 with class 0
     * at (8, 24)–(24, 40) and class 1 at (40, 16)–(56, 48); names in {@code data.yaml}.
     */
    public static Path constantModelData(Path root) throws IOException {
        png(root.resolve("images/1.png"), 128, 64);
        png(root.resolve("images/2.png"), 64, 64);
        write(root.resolve("labels/1.txt"), "0 0.25 0.5 0.25 0.5\n");
        write(root.resolve("labels/2.txt"), "0 0.25 0.5 0.25 0.25\n1 0.75 0.5 0.25 0.5\n");
        return write(root.resolve("data.yaml"), "path: .\nval: images\nnames: [shirt, shoe]\n");
    }
}
