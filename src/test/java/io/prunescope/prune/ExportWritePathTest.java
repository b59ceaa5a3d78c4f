package io.prunescope.prune;

import io.prunescope.model.ModelEdit;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.onnx.OnnxWriter;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file an export writes (streamed through the reused native buffer, fsync overlapped with the read-back, issue 13)
 * holds exactly the bytes of the in-memory serialisation ({@code ModelProto.toByteArray}), export after export: a
 * buffer handed back too early, or a read-back racing the write, would show up as different bytes here.
 */
class ExportWritePathTest {

    @TempDir
    Path dir;

    @Test
    void prunedYoloOnDiskEqualsTheInMemoryBytesExportAfterExport() throws Exception {
        OnnxDocument doc = TestModels.read("src/test/resources/fixtures/yolov5n-random.onnx");
        PruneEngine engine = new PruneEngine(TestModels.analyze(doc));
        PruningPlan plan = PruningPlan.empty(doc.model().sha256(), "yolov5n")
                .withDefaults(new LayerSetting(Granularity.FILTER, Criterion.L1, 0.3, false, 2, 4));
        ModelEdit edit = new ModelExporter(engine, doc).edit(plan, engine.decide(plan), ExportKind.HARD);
        byte[] expected = new OnnxWriter().toBytes(doc, edit);
        assertThat(expected.length).as("pruned, so smaller than the source")
                .isLessThan((int) Files.size(Path.of("src/test/resources/fixtures/yolov5n-random.onnx")));

        Path target = dir.resolve("pruned.onnx");
        for (int i = 0; i < 3; i++) { // the second and third writes reuse the first one's buffers, and replace its file
            new OnnxWriter().write(doc, edit, target);
            assertThat(Files.readAllBytes(target)).as("export %d", i).isEqualTo(expected);
        }
        // a read between writes takes a buffer too; writing to a second file afterwards still gives the same bytes
        TestModels.read(target.toString());
        Path other = dir.resolve("again.onnx");
        new OnnxWriter().write(doc, edit, other);
        assertThat(Files.readAllBytes(other)).isEqualTo(expected);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("pruned.onnx",
                    "again.onnx");
        }
    }
}
