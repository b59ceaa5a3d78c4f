package io.prunescope.detection;

import io.prunescope.runtime.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.prunescope.detection.DetectionFixtures.png;
import static io.prunescope.detection.DetectionFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CocoDatasetTest {

    @TempDir
    Path dir;

    private static final String CATEGORIES = "\"categories\": [{\"id\": 18, \"name\": \"dog\"}, {\"id\": 1, \"name\":"
            + " \"person\"}, {\"id\": 3, \"name\": \"car\"}]";

    private Path json(String images, String annotations) throws Exception {
        return write(dir.resolve("ann/instances.json"), "{\"images\": [" + images + "], \"annotations\": ["
                + annotations + "], " + CATEGORIES + "}");
    }

    @Test
    void classesFollowSortedCategoryIdsAndImagesSortedIds() throws Exception {
        png(dir.resolve("img/b.png"), 40, 30);
        png(dir.resolve("img/a.png"), 20, 20);
        Path ann = json("{\"id\": 42, \"file_name\": \"b.png\", \"width\": 40, \"height\": 30},"
                        + " {\"id\": 7, \"file_name\": \"a.png\", \"width\": 20, \"height\": 20}",
                "{\"id\": 1, \"image_id\": 42, \"category_id\": 18, \"bbox\": [1.5, 2, 10, 20], \"area\": 200,"
                        + " \"iscrowd\": 0},"
                        + " {\"id\": 2, \"image_id\": 42, \"category_id\": 1, \"bbox\": [0, 0, 40, 30], \"iscrowd\": 1},"
                        + " {\"id\": 3, \"image_id\": 7, \"category_id\": 3, \"bbox\": [5, 5, 5, 5]}");
        CocoDataset d = CocoDataset.open(ann, dir.resolve("img"));
        assertThat(d.classNames()).containsExactly("person", "car", "dog");
        assertThat(d.categoryId(0)).isEqualTo(1);
        assertThat(d.categoryId(2)).isEqualTo(18);
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.imageId(0)).isEqualTo(7L);
        assertThat(d.imageFile(0).getFileName().toString()).isEqualTo("a.png");
        assertThat(d.groundTruths(0)).containsExactly(GroundTruth.of(1, new Box(5, 5, 10, 10)));
        assertThat(d.groundTruths(1)).containsExactly(GroundTruth.of(2, new Box(1.5, 2, 11.5, 22)),
                new GroundTruth(0, new Box(0, 0, 40, 30), true));
        assertThat(d.image(1).width()).isEqualTo(40);
    }

    @Test
    void imagesNextToTheAnnotationFileByDefault() throws Exception {
        png(dir.resolve("ann/a.png"), 20, 20);
        Path ann = json("{\"id\": 1, \"file_name\": \"a.png\"}", "");
        assertThat(CocoDataset.open(ann, null).groundTruths(0)).isEmpty();
    }

    @Test
    void errorsNameTheProblem() throws Exception {
        png(dir.resolve("img/a.png"), 20, 20);
        Path img = dir.resolve("img");
        Path missingImage = json("{\"id\": 1, \"file_name\": \"gone.png\"}", "");
        assertThatThrownBy(() -> CocoDataset.open(missingImage, img)).isInstanceOf(DatasetException.class)
                .hasMessage("The image 'gone.png' of 'instances.json' is not in '" + img + "'; give the folder that"
                        + " holds the images.");
        Path unknownCat = json("{\"id\": 1, \"file_name\": \"a.png\"}",
                "{\"id\": 9, \"image_id\": 1, \"category_id\": 2, \"bbox\": [0, 0, 1, 1]}");
        assertThatThrownBy(() -> CocoDataset.open(unknownCat, img))
                .hasMessage("'instances.json' annotation 9 refers to category 2, which is not in 'categories'.");
        Path badBox = json("{\"id\": 1, \"file_name\": \"a.png\"}",
                "{\"id\": 9, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1]}");
        assertThatThrownBy(() -> CocoDataset.open(badBox, img))
                .hasMessage("'instances.json' annotation 9 has no bbox [x, y, width, height] of four numbers.");
        Path unknownImage = json("{\"id\": 1, \"file_name\": \"a.png\"}",
                "{\"id\": 9, \"image_id\": 5, \"category_id\": 1, \"bbox\": [0, 0, 1, 1]}");
        assertThatThrownBy(() -> CocoDataset.open(unknownImage, img))
                .hasMessageContaining("refers to image 5, which is not in 'images'");
        Path notJson = write(dir.resolve("bad.json"), "{\"images\": [");
        assertThatThrownBy(() -> CocoDataset.open(notJson, img)).hasMessageContaining("is not valid JSON");
        Path noCats = write(dir.resolve("nocats.json"), "{\"images\": [], \"annotations\": []}");
        assertThatThrownBy(() -> CocoDataset.open(noCats, img)).hasMessage("'nocats.json' is not a COCO annotation"
                + " file: it has no 'categories' list.");
    }

    @Test
    void resultsJsonUsesCategoryIdsAndRounds() throws Exception {
        png(dir.resolve("img/a.png"), 20, 20);
        Path ann = json("{\"id\": 7, \"file_name\": \"a.png\"}", "");
        CocoDataset d = CocoDataset.open(ann, dir.resolve("img"));
        Path out = dir.resolve("dets.json");
        CocoResultsJson.write(out, List.of(new Detection(0, 2, 0.123456789, new Box(1.23456, 2.0005, 11.5, 3))), d);
        // Python: round(2.0005, 3) = 2.001 (2.0005 is 2.000500000000000167 in binary), round(3 - 2.0005, 3) = 0.999
        assertThat(Files.readString(out)).isEqualTo("[{\"image_id\":7,\"category_id\":18,\"bbox\":[1.235,2.001,10.265,0.999]"
                + ",\"score\":0.12346}]");
    }
}
