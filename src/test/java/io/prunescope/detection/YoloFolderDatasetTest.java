package io.prunescope.detection;

import io.prunescope.runtime.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.prunescope.detection.DetectionFixtures.png;
import static io.prunescope.detection.DetectionFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YoloFolderDatasetTest {

    @TempDir
    Path dir;

    @Test
    void dataYamlWithNamesListAndRelativePath() throws Exception {
        Path root = dir.resolve("set");
        png(root.resolve("images/val/b.png"), 200, 100);
        png(root.resolve("images/val/000123.png"), 50, 40);
        png(root.resolve("images/train/t.png"), 10, 10);
        write(root.resolve("labels/val/b.txt"), "1 0.5 0.5 0.2 0.4\n\n0 0.25 0.25 0.5 0.5\n1 0.5 0.5 0.2 0.4\n");
        Path yaml = write(dir.resolve("cfg/data.yaml"), "path: ../set\ntrain: images/train\nval: images/val\n"
                + "nc: 2\nnames: [cat, dog]\n");
        YoloFolderDataset d = YoloFolderDataset.open(yaml);
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.classNames()).containsExactly("cat", "dog");
        assertThat(d.classesDeclared()).isTrue();
        assertThat(d.imageFile(0).getFileName().toString()).isEqualTo("000123.png"); // sorted by path
        assertThat(d.imageId(0)).isEqualTo(123L);
        assertThat(d.imageId(1)).isEqualTo("b");
        assertThat(d.groundTruths(0)).isEmpty(); // no label file: no objects
        // 200×100: class 1 at cx 100, cy 50, w 40, h 40 (labels are float32, as in YOLOv5: 0.2f is not 0.2);
        // the exact duplicate line counts once
        assertThat(d.groundTruths(1)).hasSize(2);
        assertThat(d.groundTruths(1).get(0).classIndex()).isEqualTo(1);
        assertBox(d.groundTruths(1).get(0).box(), 80, 30, 120, 70);
        assertThat(d.groundTruths(1).get(1)).isEqualTo(GroundTruth.of(0, new Box(0, 0, 100, 50)));
        assertThat(d.image(1).width()).isEqualTo(200);
        assertThat(YoloFolderDataset.open(yaml, "train").size()).isEqualTo(1);
    }

    private static void assertBox(Box b, double x1, double y1, double x2, double y2) {
        assertThat(new double[] {b.x1(), b.y1(), b.x2(), b.y2()})
                .containsExactly(new double[] {x1, y1, x2, y2}, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void namesAsAMapAndAnImageList() throws Exception {
        png(dir.resolve("images/a.png"), 10, 10);
        png(dir.resolve("images/b.png"), 10, 10);
        write(dir.resolve("val.txt"), "./images/b.png\n\nimages/a.png\n");
        Path yaml = write(dir.resolve("data.yaml"), "val: val.txt\nnames:\n  0: person\n  1: bicycle\n");
        YoloFolderDataset d = YoloFolderDataset.open(yaml);
        assertThat(d.classNames()).containsExactly("person", "bicycle");
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.imageId(0)).isEqualTo("a");
    }

    @Test
    void polygonLinesBecomeTheirBoundingBox() throws Exception {
        png(dir.resolve("images/p.png"), 100, 100);
        write(dir.resolve("labels/p.txt"), "0 0.1 0.2 0.5 0.2 0.3 0.6\n");
        YoloFolderDataset d = YoloFolderDataset.open(dir);
        assertThat(d.groundTruths(0)).hasSize(1);
        assertBox(d.groundTruths(0).get(0).box(), 10, 20, 50, 60);
    }

    @Test
    void folderWithoutYamlInfersClassesFromLabels() throws Exception {
        png(dir.resolve("images/x.jpg"), 20, 20);
        write(dir.resolve("labels/x.txt"), "3 0.5 0.5 1 1\n");
        YoloFolderDataset d = YoloFolderDataset.open(dir);
        assertThat(d.classesDeclared()).isFalse();
        assertThat(d.classNames()).containsExactly("0", "1", "2", "3");
        assertThat(d.groundTruths(0).get(0).box()).isEqualTo(new Box(0, 0, 20, 20));
        // the images folder itself works too; its labels are found through the images → labels rule
        assertThat(YoloFolderDataset.open(dir.resolve("images")).groundTruths(0)).hasSize(1);
    }

    @Test
    void labelPathReplacesTheLastImagesFolder() {
        assertThat(YoloFolderDataset.labelFile(Path.of("/d/images/val/x.png")))
                .isEqualTo(Path.of("/d/labels/val/x.txt"));
        assertThat(YoloFolderDataset.labelFile(Path.of("/images/a/images/y.v1.jpg")))
                .isEqualTo(Path.of("/images/a/labels/y.v1.txt"));
        assertThat(YoloFolderDataset.labelFile(Path.of("/flat/z.png"))).isEqualTo(Path.of("/flat/z.txt"));
    }

    @Test
    void badLabelLinesAreReportedWithFileAndLine() throws Exception {
        png(dir.resolve("images/a.png"), 10, 10);
        Path yaml = write(dir.resolve("data.yaml"), "val: images\nnames: [a, b]\n");
        Path label = dir.resolve("labels/a.txt");
        write(label, "0 0.5 0.5 0.2\n");
        assertThatThrownBy(() -> YoloFolderDataset.open(yaml)).isInstanceOf(DatasetException.class)
                .hasMessage("Line 1 of '" + label.toAbsolutePath() + "' has 4 values (\"0 0.5 0.5 0.2\"); expected"
                        + " 'class cx cy w h' (5 numbers) or a polygon 'class x1 y1 x2 y2 x3 y3 …'.");
        write(label, "0 0.5 0.5 0.2 0.2\n2 0.5 0.5 0.2 0.2\n");
        assertThatThrownBy(() -> YoloFolderDataset.open(yaml))
                .hasMessage("Line 2 of '" + label.toAbsolutePath() + "' has class 2, but the data set has 2 classes"
                        + " (0 … 1).");
        write(label, "0 0.5 0.5 1.2 0.2\n");
        assertThatThrownBy(() -> YoloFolderDataset.open(yaml)).hasMessageContaining("coordinate above 1 (1.2)");
        write(label, "0 0.5 x 0.2 0.2\n");
        assertThatThrownBy(() -> YoloFolderDataset.open(yaml)).hasMessageContaining("'x' is not a number");
        write(label, "0.5 0.5 0.5 0.2 0.2\n");
        assertThatThrownBy(() -> YoloFolderDataset.open(yaml)).hasMessageContaining("is not a whole number");
        write(label, "0 -0.5 0.5 0.2 0.2\n");
        assertThatThrownBy(() -> YoloFolderDataset.open(yaml)).hasMessageContaining("negative value");
    }

    @Test
    void badYamlAndFoldersAreReported() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty/images"));
        assertThatThrownBy(() -> YoloFolderDataset.open(empty.getParent())).isInstanceOf(DatasetException.class)
                .hasMessage("The folder '" + empty + "' contains no images (PNG, JPEG, BMP, GIF, TIFF).");
        Path noVal = write(dir.resolve("a.yaml"), "train: x\nnames: [a]\n");
        assertThatThrownBy(() -> YoloFolderDataset.open(noVal))
                .hasMessage("'" + noVal + "' has no 'val' entry (the images to evaluate); its keys are [train, names].");
        Path mismatch = write(dir.resolve("b.yaml"), "val: .\nnc: 3\nnames: [a, b]\n");
        assertThatThrownBy(() -> YoloFolderDataset.open(mismatch)).hasMessage("'" + mismatch + "' says nc: 3 but names"
                + " has 2 entries.");
        Path noNames = write(dir.resolve("c.yaml"), "val: .\n");
        assertThatThrownBy(() -> YoloFolderDataset.open(noNames)).hasMessageContaining("neither 'names' nor 'nc'");
        Path broken = write(dir.resolve("d.yaml"), "val: [unclosed\n");
        assertThatThrownBy(() -> YoloFolderDataset.open(broken)).hasMessageContaining("is not valid YAML");
        Path missing = write(dir.resolve("e.yaml"), "val: nowhere\nnames: [a]\n");
        assertThatThrownBy(() -> YoloFolderDataset.open(missing))
                .hasMessageContaining("which is not a folder, an image list (.txt) or an image");
        Path webp = Files.createDirectories(dir.resolve("w/images"));
        Files.write(webp.resolve("a.webp"), new byte[] {1});
        assertThatThrownBy(() -> YoloFolderDataset.open(webp.getParent()))
                .hasMessageContaining("is a WEBP image, which Java cannot read");
        assertThatThrownBy(() -> YoloFolderDataset.open(dir.resolve("none.yaml")))
                .hasMessageContaining("is neither a data.yaml file nor a folder");
    }
}
