package io.prunescope.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.prunescope.detection.DetectionFixtures.png;
import static org.assertj.core.api.Assertions.assertThat;

class CocoResultsJsonTest {

    @TempDir
    Path dir;

    /** Python's round: the decimal nearest the double's exact value, halves (exact ones only) to even. */
    @Test
    void roundsAsPython() {
        assertThat(CocoResultsJson.round(2.675, 2).toPlainString()).isEqualTo("2.67"); // 2.67499999… in binary
        assertThat(CocoResultsJson.round(0.125, 2).toPlainString()).isEqualTo("0.12");  // exact half → even
        assertThat(CocoResultsJson.round(0.375, 2).toPlainString()).isEqualTo("0.38");
        assertThat(CocoResultsJson.round(100.0, 3).toPlainString()).isEqualTo("100");
        assertThat(CocoResultsJson.round(0.000004, 5).toPlainString()).isEqualTo("0");
    }

    @Test
    void yoloIdsAreNumbersWhenTheStemIsDigits() throws Exception {
        png(dir.resolve("images/000042.png"), 10, 10);
        png(dir.resolve("images/cat.png"), 10, 10);
        YoloFolderDataset d = YoloFolderDataset.open(dir);
        Path out = dir.resolve("dets.json");
        CocoResultsJson.write(out, List.of(new Detection(0, 0, 0.5, new Box(0, 0, 2, 2)),
                new Detection(1, 0, 0.25, new Box(1, 1, 2, 3))), d);
        JsonNode json = new ObjectMapper().readTree(Files.readString(out));
        assertThat(json).hasSize(2);
        assertThat(json.get(0).get("image_id").isIntegralNumber()).isTrue();
        assertThat(json.get(0).get("image_id").asLong()).isEqualTo(42);
        assertThat(json.get(1).get("image_id").asText()).isEqualTo("cat");
        assertThat(json.get(1).get("bbox").toString()).isEqualTo("[1,1,1,2]");
        assertThat(json.get(1).get("score").asDouble()).isEqualTo(0.25);
        assertThat(json.get(0).get("category_id").asInt()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".part"))).isEmpty();
        }
    }
}
