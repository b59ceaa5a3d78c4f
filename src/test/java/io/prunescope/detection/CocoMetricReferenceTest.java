package io.prunescope.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The cases of {@code fixtures/coco-reference.json}, written by src/tools/coco_reference.py with pycocotools'
 * COCOeval (and val.py's P/R definitions in numpy): the Java metric must give the same numbers to 1e-9.
 */
class CocoMetricReferenceTest {

    private static JsonNode fixture() throws IOException {
        try (InputStream in = CocoMetricReferenceTest.class.getResourceAsStream("/fixtures/coco-reference.json")) {
            assertThat(in).as("fixtures/coco-reference.json").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    private static Box box(JsonNode b) {
        return Box.ofXywh(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble());
    }

    @TestFactory
    Stream<DynamicTest> matchesPycocotools() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : fixture().get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
        }
        return tests.stream();
    }

    private static void check(JsonNode c) {
        Map<Long, Integer> imageIndex = new HashMap<>();
        List<List<GroundTruth>> truths = new ArrayList<>();
        for (JsonNode im : c.get("images")) {
            imageIndex.put(im.get("id").asLong(), truths.size());
            truths.add(new ArrayList<>());
        }
        Map<Long, Integer> classOf = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (JsonNode cat : c.get("categories")) {
            classOf.put(cat.asLong(), names.size());
            names.add("cat" + cat.asLong());
        }
        for (JsonNode a : c.get("annotations")) {
            truths.get(imageIndex.get(a.get("image_id").asLong())).add(new GroundTruth(
                    classOf.get(a.get("category_id").asLong()), box(a.get("bbox")), a.get("iscrowd").asInt() == 1));
        }
        List<Detection> dets = new ArrayList<>();
        for (JsonNode d : c.get("detections")) {
            dets.add(new Detection(imageIndex.get(d.get("image_id").asLong()), classOf.get(d.get("category_id").asLong()),
                    d.get("score").asDouble(), box(d.get("bbox"))));
        }
        DetectionMetrics m = new CocoMetric(names.size()).evaluate(truths, dets, names);
        JsonNode stats = c.get("stats");
        assertThat(m.map50to95()).as("AP").isCloseTo(stats.get(0).asDouble(), within(1e-9));
        assertThat(m.map50()).as("AP50").isCloseTo(stats.get(1).asDouble(), within(1e-9));
        JsonNode perClass = c.get("per_class");
        for (int k = 0; k < names.size(); k++) {
            JsonNode ref = perClass.get(k);
            ClassMetrics cm = m.perClass().get(k);
            if (ref.get("ap50").isNull()) {
                assertThat(cm.ap50()).as("class %d AP50", k).isNaN();
            } else {
                assertThat(cm.ap50()).as("class %d AP50", k).isCloseTo(ref.get("ap50").asDouble(), within(1e-9));
                assertThat(cm.ap50to95()).as("class %d AP", k).isCloseTo(ref.get("ap50_95").asDouble(), within(1e-9));
            }
        }
        assertThat(m.precision()).as("val.py P").isCloseTo(c.get("val_precision").asDouble(), within(1e-9));
        assertThat(m.recall()).as("val.py R").isCloseTo(c.get("val_recall").asDouble(), within(1e-9));
    }
}
