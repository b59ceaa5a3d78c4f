package io.prunescope.session;

import io.prunescope.files.UnsafeOutputException;
import io.prunescope.model.InputBindings;
import io.prunescope.onnx.HostileModels;
import io.prunescope.prune.ExportKind;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workbench's saves go through the guarded writer too: never over the open model or its weights file. */
class WorkspaceWritesTest {

    @TempDir
    Path dir;

    @Test
    void planAndExportNeverLandOnTheModelOrItsWeights() throws Exception {
        Path model = HostileModels.withExternalData(dir, "m.onnx", "m.bin");
        byte[] modelBytes = Files.readAllBytes(model);
        byte[] weights = Files.readAllBytes(dir.resolve("m.bin"));
        Workspace w = Workspace.open(model, InputBindings.none(), CancellationToken.NEVER, Progress.NONE);
        assertThat(w.inputFiles()).hasSize(2);
        Path hardToModel = Files.createLink(dir.resolve("alias.onnx"), model);
        assertThatThrownBy(() -> w.savePlan(w.emptyPlan(), hardToModel)).isInstanceOf(UnsafeOutputException.class)
                .hasMessageContaining("the open model's file");
        assertThatThrownBy(() -> w.export(w.emptyPlan(), ExportKind.HARD, dir.resolve("m.bin")))
                .isInstanceOf(UnsafeOutputException.class).hasMessageContaining("m.bin");
        assertThat(Files.readAllBytes(model)).isEqualTo(modelBytes);
        assertThat(Files.readAllBytes(dir.resolve("m.bin"))).isEqualTo(weights);
        w.savePlan(w.emptyPlan(), dir.resolve("plan.json"));
        assertThat(dir.resolve("plan.json")).exists();
    }
}
