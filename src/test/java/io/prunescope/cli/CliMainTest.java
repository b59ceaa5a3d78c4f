package io.prunescope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prunescope.analysis.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI run in-process with captured output. */
class CliMainTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliMain.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void analyzePrintsLayersAndTotals() {
        Path model = Fixtures.require(Fixtures.YOLOV5N);
        Run r = run("analyze", model.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("params  1,867,405").contains("output shape").contains("% MACs")
                .contains("/detect/m.2/Conv");
        assertThat(r.out()).containsPattern("MACs +[0-9,]+ \\(0\\.55[0-9] G\\)");
        assertThat(r.out()).containsPattern("GFLOPs +1\\.1[0-9]+");
    }

    @Test
    void analyzeJsonParsesWithTheSameTotals() throws Exception {
        Path model = Fixtures.fixture("resnet18.onnx.gz");
        Run r = run("analyze", model.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.at("/totals/params").asLong()).isEqualTo(11_684_712L);
        long macs = json.at("/totals/macs").asLong();
        assertThat(macs).isEqualTo(Fixtures.referenceCosts().at("/resnet18/macs").asLong());
        long sum = 0;
        double pct = 0;
        for (JsonNode l : json.get("layers")) {
            sum += l.get("macs").asLong();
            pct += l.get("macsPercent").asDouble();
            assertThat(l.get("outputShape").isArray()).as(l.get("name").asText()).isTrue();
        }
        assertThat(sum).isEqualTo(macs);
        assertThat(pct).isCloseTo(100.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(json.at("/inputs/input").toString()).isEqualTo("[1,3,224,224]");
    }

    @Test
    void inputShapeOptionOverridesTheDeclaredShape() throws Exception {
        Path model = Fixtures.fixture("mobilenetv2.onnx.gz");
        long at224 = Fixtures.referenceCosts().at("/mobilenetv2/macs").asLong();
        long classifier = 1280L * 1000; // Gemm MACs do not depend on the image size
        Run r = run("analyze", model.toString(), "--json", "--input-shape", "input=1,3,448,448");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.at("/inputs/input").toString()).isEqualTo("[1,3,448,448]");
        // every conv's output area is exactly 4 x larger
        assertThat(json.at("/totals/macs").asLong()).isEqualTo(4 * (at224 - classifier) + classifier);
        // batch 2 doubles everything
        Run b = run("analyze", model.toString(), "--json", "--input-shape", "input=2,3,224,224");
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(new ObjectMapper().readTree(b.out()).at("/totals/macs").asLong()).isEqualTo(2 * at224);
    }

    @Test
    void inconsistentInputSizeIsReportedWithTheNode() {
        // YOLOv5's Detect head has its 320x320 grid baked in: another size cannot be reshaped
        Path model = Fixtures.require(Fixtures.YOLOV5N);
        Run r = run("analyze", model.toString(), "--input-shape", "images=1,3,640,640");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: the model is inconsistent: Reshape").doesNotContain("\tat ");
    }

    @Test
    void missingFileIsBadInputOnStderr(@TempDir Path dir) {
        Run r = run("analyze", dir.resolve("nope.onnx").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: ").contains("nope.onnx").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void garbageFileAndBadOptionsAreBadInput(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "this is not a model at all");
        Run r = run("analyze", junk.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("error:").doesNotContain("\tat ");
        Run v = run("analyze", junk.toString(), "--verbose");
        assertThat(v.err()).contains("\tat ");

        Run bad = run("analyze", junk.toString(), "--input-shape", "images=1,x,3");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("not a whole number");
        Run unknown = run("analyze");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("MODEL");
    }

    @Test
    void benchLoadReportsATable() {
        Path model = Fixtures.fixture("mobilenetv2.onnx.gz");
        Run r = run("bench", "load", model.toString(), "--repeat", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("load ms").contains("peak heap MB").contains("mobilenetv2.onnx.gz")
                .contains("3,487,816");
    }
}
