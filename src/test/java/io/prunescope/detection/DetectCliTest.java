package io.prunescope.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prunescope.cli.CliMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code evaluate --task detect} on the constant models (expected figures: DetectionEvaluatorTest). */
class DetectCliTest {

    @TempDir
    Path dir;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliMain.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    /**
     * The "pruned" model lacks the class-1 box: class 1 keeps only its two false positives (AP 0), so both mAPs drop
     * from 0.75 to 0.5.
     */
    @Test
    void evaluatesAModelAndItsPrunedVersion() throws Exception {
        Path yaml = DetectionFixtures.constantModelData(dir.resolve("data"));
        Path model = DetectionFixtures.model("constant_decoded.onnx", dir);
        Path pruned = DetectionFixtures.model("constant_decoded_worse.onnx", dir);
        Path dets = dir.resolve("out/dets.json");
        Files.createDirectories(dets.getParent());
        String[] r = run("evaluate", "--task", "detect", model.toString(), pruned.toString(), "--data", yaml.toString(),
                "--imgsz", "64", "--per-class", "--save-detections", dets.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        String[] lines = r[1].split("\n");
        assertThat(lines[0]).startsWith("model").contains("mAP50").contains("mAP50-95").contains("instances");
        assertThat(lines[2]).startsWith("constant_decoded.onnx").contains("0.7500").endsWith("2          3");
        assertThat(lines[3]).startsWith("constant_decoded_worse.onnx").contains("0.5000");
        assertThat(lines[4]).startsWith("difference").contains("-0.2500");
        assertThat(r[1]).contains("64x64 letterbox, decoded output").contains("0 shirt").contains("1 shoe");
        JsonNode json = new ObjectMapper().readTree(dets.toFile());
        assertThat(json).hasSize(6);
        assertThat(json.get(0).get("image_id").asLong()).isEqualTo(1);
        assertThat(json.get(0).get("bbox").toString()).isEqualTo("[16,16,32,32]");
        assertThat(json.get(0).get("score").asDouble()).isEqualTo(0.9);
        assertThat(new ObjectMapper().readTree(dir.resolve("out/dets-pruned.json").toFile())).hasSize(4);
    }

    @Test
    void rawHeadModelWithTheCocoLayout() throws Exception {
        Path yaml = DetectionFixtures.constantModelData(dir.resolve("data"));
        Path model = DetectionFixtures.model("constant_raw.onnx", dir);
        String ann = "{\"images\": [{\"id\": 1, \"file_name\": \"1.png\"}, {\"id\": 2, \"file_name\": \"2.png\"}],"
                + " \"annotations\": [{\"id\": 1, \"image_id\": 1, \"category_id\": 5, \"bbox\": [16, 16, 32, 32]},"
                + " {\"id\": 2, \"image_id\": 2, \"category_id\": 5, \"bbox\": [8, 24, 16, 16]},"
                + " {\"id\": 3, \"image_id\": 2, \"category_id\": 9, \"bbox\": [40, 16, 16, 32]}],"
                + " \"categories\": [{\"id\": 9, \"name\": \"shoe\"}, {\"id\": 5, \"name\": \"shirt\"}]}";
        Path json = DetectionFixtures.write(dir.resolve("ann.json"), ann);
        String[] r = run("evaluate", "--task", "detect", model.toString(), "--data", json.toString(), "--images",
                yaml.getParent().resolve("images").toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("0.5000").contains("raw-head output");
    }

    @Test
    void badInputExitsWithTwoAndAClearMessage() throws Exception {
        Path yaml = DetectionFixtures.constantModelData(dir.resolve("data"));
        Path model = DetectionFixtures.model("constant_decoded.onnx", dir);
        String[] r = run("evaluate", "--task", "detect", model.toString(), "--data", yaml.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("has no fixed size; give the image size (--imgsz)");

        r = run("evaluate", "--task", "detect", model.toString(), "--data", dir.resolve("nothing").toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("is neither a data.yaml file nor a folder");

        r = run("evaluate", "--task", "detect", model.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("give --data");

        r = run("evaluate", "--task", "segment", model.toString(), "--data", yaml.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("--task must be classify or detect");

        r = run("evaluate", "--task", "detect", model.toString(), "--data", yaml.toString(), "--imgsz", "64",
                "--conf", "2");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("--conf and --iou must be between 0 and 1");
    }
}
