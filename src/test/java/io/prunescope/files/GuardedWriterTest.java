package io.prunescope.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 10 items 2 and 3: an output is never an input, and two outputs are never one file. */
class GuardedWriterTest {

    @TempDir
    Path dir;

    private Path input() throws Exception {
        return Files.writeString(dir.resolve("model.onnx"), "the model");
    }

    @Test
    void theInputItselfIsRefusedByPathAndByRelativeSpelling() throws Exception {
        Path model = input();
        GuardedWriter g = new GuardedWriter().protect(model, "the input model");
        assertThatThrownBy(() -> g.claim(model, "-o")).isInstanceOf(UnsafeOutputException.class)
                .hasMessageContaining("refusing to overwrite the input model").hasMessageContaining("with -o");
        assertThatThrownBy(() -> g.claim(dir.resolve("sub/../model.onnx"), "-o"))
                .isInstanceOf(UnsafeOutputException.class);
        assertThat(model).hasContent("the model");
    }

    @Test
    void aSymbolicLinkToTheInputIsRefused() throws Exception {
        Path model = input();
        Path link = Files.createSymbolicLink(dir.resolve("link.onnx"), model);
        GuardedWriter g = new GuardedWriter().protect(model, "the input model");
        assertThatThrownBy(() -> g.claim(link, "--save-plan")).isInstanceOf(UnsafeOutputException.class)
                .hasMessageContaining("--save-plan");
        // ...and a link through the folder.
        Path linkedDir = Files.createSymbolicLink(dir.resolve("alias"), dir);
        assertThatThrownBy(() -> g.claim(linkedDir.resolve("model.onnx"), "-o"))
                .isInstanceOf(UnsafeOutputException.class);
    }

    @Test
    void aHardLinkToTheInputIsRefused() throws Exception {
        Path model = input();
        Path hard = Files.createLink(dir.resolve("hard.onnx"), model);
        GuardedWriter g = new GuardedWriter().protect(model, "the input model");
        assertThatThrownBy(() -> g.claim(hard, "-o")).isInstanceOf(UnsafeOutputException.class)
                .hasMessageContaining("the input model");
        assertThat(model).hasContent("the model");
    }

    @Test
    void twoOutputsThatAreOneFileAreRefused() throws Exception {
        GuardedWriter g = new GuardedWriter().claim(dir.resolve("out.onnx"), "-o");
        assertThatThrownBy(() -> g.claim(dir.resolve("./out.onnx"), "--save-plan"))
                .isInstanceOf(UnsafeOutputException.class).hasMessageContaining("--save-plan")
                .hasMessageContaining("-o").hasMessageContaining("same file");
        Path existing = Files.writeString(dir.resolve("a.csv"), "x");
        Path hard = Files.createLink(dir.resolve("b.png"), existing);
        GuardedWriter h = new GuardedWriter().claim(existing, "--csv");
        assertThatThrownBy(() -> h.claim(hard, "--chart")).isInstanceOf(UnsafeOutputException.class);
    }

    @Test
    void anInputLearnedAfterTheClaimStillRefusesIt() throws Exception {
        Path weights = Files.writeString(dir.resolve("weights.bin"), "w");
        GuardedWriter g = new GuardedWriter().claim(weights, "--save-plan");
        assertThatThrownBy(() -> g.protect(weights, "the input model's file weights.bin"))
                .isInstanceOf(UnsafeOutputException.class).hasMessageContaining("weights.bin");
    }

    @Test
    void aLinkPlantedBetweenClaimAndWriteIsCaughtAtWriteTime() throws Exception {
        Path model = input();
        Path out = dir.resolve("out.onnx");
        GuardedWriter g = new GuardedWriter().protect(model, "the input model").claim(out, "-o");
        Files.createLink(out, model);
        assertThatThrownBy(() -> g.write(out, "new".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnsafeOutputException.class);
        assertThat(model).hasContent("the model");
    }

    @Test
    void writesAClaimedOutputAndRefusesAnUnclaimedOne() throws Exception {
        Path out = dir.resolve("plan.json");
        GuardedWriter g = new GuardedWriter().protect(input(), "the input model").claim(out, "--save-plan");
        g.write(out, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(out).hasContent("{}");
        assertThatThrownBy(() -> g.write(dir.resolve("other"), new byte[1]))
                .isInstanceOf(IllegalStateException.class);
    }
}
