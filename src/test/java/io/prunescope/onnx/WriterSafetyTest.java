package io.prunescope.onnx;

import io.prunescope.model.ModelEdit;
import io.prunescope.onnx.TestModels.WeightStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

import static io.prunescope.onnx.TestModels.classifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DESIGN §8: never over the input; atomic; nothing half-written left behind. */
class WriterSafetyTest {

    @TempDir
    Path dir;

    private Path source;
    private String hash;

    private OnnxDocument open() throws Exception {
        source = dir.resolve("model.onnx");
        Files.write(source, classifier(50, WeightStyle.INITIALIZER_RAW).build().toByteArray());
        hash = sha(source);
        return new OnnxReader().read(source);
    }

    private static String sha(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    private void assertSourceUntouched() throws Exception {
        assertThat(sha(source)).isEqualTo(hash);
        assertNoPartFiles();
    }

    private void assertNoPartFiles() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void refusesTheSourcePath() throws Exception {
        OnnxDocument doc = open();
        ModelEdit edit = new ModelEdit().putMetadata("k", "v");
        assertThatThrownBy(() -> new OnnxWriter().write(doc, edit, source))
                .isInstanceOf(IOException.class).hasMessageContaining("refusing to overwrite")
                .hasMessageContaining("model.onnx");
        assertSourceUntouched();
    }

    @Test
    void refusesASymlinkToTheSource() throws Exception {
        OnnxDocument doc = open();
        Path link = Files.createSymbolicLink(dir.resolve("link.onnx"), source);
        assertThatThrownBy(() -> new OnnxWriter().write(doc, new ModelEdit(), link))
                .isInstanceOf(IOException.class).hasMessageContaining("refusing to overwrite");
        assertSourceUntouched();
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void refusesAHardLinkToTheSource() throws Exception {
        OnnxDocument doc = open();
        Path hard = Files.createLink(dir.resolve("hard.onnx"), source);
        assertThatThrownBy(() -> new OnnxWriter().write(doc, new ModelEdit(), hard)).isInstanceOf(IOException.class);
        assertSourceUntouched();
    }

    @Test
    void refusesTheSourceThroughARelativeOrRoundaboutPath() throws Exception {
        OnnxDocument doc = open();
        Path cwd = Path.of("").toAbsolutePath();
        Path relative = cwd.relativize(source.toAbsolutePath());
        assertThat(relative.isAbsolute()).isFalse();
        assertThatThrownBy(() -> new OnnxWriter().write(doc, new ModelEdit(), relative))
                .isInstanceOf(IOException.class).hasMessageContaining("refusing to overwrite");
        Path roundabout = dir.resolve("sub/../model.onnx");
        assertThatThrownBy(() -> new OnnxWriter().write(doc, new ModelEdit(), roundabout))
                .isInstanceOf(IOException.class);
        // and the other way round: opened through a relative path, written to the absolute one
        OnnxDocument relDoc = new OnnxReader().read(relative);
        assertThatThrownBy(() -> new OnnxWriter().write(relDoc, new ModelEdit(), source.toAbsolutePath()))
                .isInstanceOf(IOException.class);
        assertSourceUntouched();
    }

    @Test
    void failedVerificationLeavesNothingBehind() throws Exception {
        OnnxDocument doc = open();
        Path target = dir.resolve("broken.onnx");
        // removing the Relu without rewiring leaves GAP reading a tensor nothing produces
        int relu = doc.model().graph().findNode("relu").orElseThrow().index();
        assertThatThrownBy(() -> new OnnxWriter().write(doc, new ModelEdit().removeNode(relu), target))
                .isInstanceOf(IOException.class).hasMessageContaining("does not read back")
                .hasMessageContaining("relu_out");
        assertThat(target).doesNotExist();
        assertSourceUntouched();
    }

    @Test
    void failedVerificationKeepsAnExistingTargetIntact() throws Exception {
        OnnxDocument doc = open();
        Path target = dir.resolve("previous-export.onnx");
        Files.writeString(target, "previous export");
        int relu = doc.model().graph().findNode("relu").orElseThrow().index();
        assertThatThrownBy(() -> new OnnxWriter().write(doc, new ModelEdit().removeNode(relu), target))
                .isInstanceOf(IOException.class);
        assertThat(Files.readString(target)).isEqualTo("previous export");
        assertNoPartFiles();
    }

    @Test
    void replacesAnOlderExport() throws Exception {
        OnnxDocument doc = open();
        Path target = dir.resolve("export.onnx");
        Files.writeString(target, "old");
        new OnnxWriter().write(doc, new ModelEdit().putMetadata("k", "v"), target);
        assertThat(new OnnxReader().read(target).model().metadata()).containsEntry("k", "v");
        assertSourceUntouched();
    }

    @Test
    void missingFolderFailsClearly() throws Exception {
        OnnxDocument doc = open();
        Path target = dir.resolve("no/such/folder/out.onnx");
        assertThatThrownBy(() -> new OnnxWriter().write(doc, new ModelEdit(), target))
                .isInstanceOf(IOException.class).hasMessageContaining("does not exist")
                .hasMessageContaining("folder");
        assertThat(dir.resolve("no")).doesNotExist();
        assertSourceUntouched();
    }

    @Test
    void aModelReadFromMemoryCanBeWrittenAnywhere() throws Exception {
        OnnxDocument doc = new OnnxReader().read(classifier(51, WeightStyle.INITIALIZER_RAW).build().toByteArray());
        assertThat(doc.model().source()).isNull();
        Path target = dir.resolve("mem.onnx");
        new OnnxWriter().write(doc, new ModelEdit(), target);
        assertThat(new OnnxReader().read(target).model().graph().nodes()).hasSize(6);
    }
}
