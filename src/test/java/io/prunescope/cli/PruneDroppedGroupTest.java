package io.prunescope.cli;

import io.prunescope.dependency.ChannelGroup;
import io.prunescope.model.Graph;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Tensor;
import io.prunescope.onnx.OnnxReader;
import io.prunescope.prune.ExportKind;
import io.prunescope.prune.ExportVerifier;
import io.prunescope.prune.PrunedModelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code prune} when one channel group's export is wrong (injected: the hard model of the group produced by
 * {@code /proj/proj.0/Conv} keeps the wrong filters): exit 4, the group named on stdout and stderr, and the rest
 * written, proven.
 */
class PruneDroppedGroupTest {

    private static final String FAULTY = "/proj/proj.0/Conv";

    @Test
    void theFaultyGroupIsLeftUnprunedAndTheRestIsWrittenProven(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("pruned.onnx");
        PruneCommand command = new PruneCommand();
        command.verifiers = (engine, doc) -> new ExportVerifier(engine, doc, (decision, kind) -> {
            ModelEdit edit = new PrunedModelBuilder(engine).build(decision, kind);
            ChannelGroup g = engine.dependencies().outputGroup(engine.layer(FAULTY).orElseThrow().node()).orElseThrow();
            if (kind == ExportKind.HARD && decision.removedUnits().containsKey(g.id())) {
                String w = engine.layer(FAULTY).orElseThrow().node().input(1);
                Tensor t = edit.replacedTensors().get(w);
                float[] v = t.toFloats();
                v[0] += 1f;
                edit.replaceTensor(Tensor.ofFloats(w, t.dims(), v, t.type()));
            }
            return edit;
        });
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = new CommandLine(command).setOut(new PrintWriter(stdout)).setErr(new PrintWriter(stderr))
                .execute(PruneCommandTest.RESIDUAL, "-c", "fpgm", "-r", "0.5", "-o", out.toString());

        assertThat(code).as(stderr.toString() + stdout).isEqualTo(PruneCommand.EXIT_GROUPS_DROPPED).isEqualTo(4);
        assertThat(stdout.toString()).contains("VERIFIED").contains("left unpruned, 1 channel group(s)")
                .containsPattern("group \\d+ \\(" + FAULTY + ", 12 unit\\(s\\)\\): export proof failed for this group")
                .contains("channel groups pruned: 3 of 4");
        assertThat(stderr.toString()).contains("warning: written without 1 channel group(s)").contains(FAULTY);
        Graph after = new OnnxReader().read(out).model().graph();
        assertThat(after.constants().get("proj.0.weight").dims()).containsExactly(24, 8, 1, 1);
        assertThat(after.constants().get("a1.0.weight").dims()).containsExactly(8, 8, 3, 3);
    }

    @Test
    void calibrationImagesAreWhatTheProofRunsOn(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("images");
        java.nio.file.Files.createDirectories(images);
        for (int i = 0; i < 3; i++) {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(20, 20,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            img.setRGB(i, i, 0xFF8040);
            javax.imageio.ImageIO.write(img, "png", images.resolve("img" + i + ".png").toFile());
        }
        CliMainTest.Run r = CliMainTest.run("prune", PruneCommandTest.RESIDUAL, "-r", "0.3", "--calibration",
                images.toString(), "-o", dir.resolve("p.onnx").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("VERIFIED: ran in ONNX Runtime on 3 calibration sample(s)");
    }
}
