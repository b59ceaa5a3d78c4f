package io.prunescope.session;

import io.prunescope.model.InputBindings;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionTest {

    private final PruningPlan base = PruningPlan.empty("abc", "m.onnx");

    private PruningPlan ratio(double r) {
        return base.withLayer("conv", new LayerSetting(Granularity.FILTER, Criterion.L1, r, false, 2, 4));
    }

    @Test
    void undoAndRedoWalkThroughPlans() {
        PlanHistory h = new PlanHistory(base);
        h.apply(ratio(0.1), "ratio of conv");
        h.apply(ratio(0.1).withRoundTo(8), "round to 8");
        assertThat(h.undoLabel()).isEqualTo("round to 8");
        h.undo();
        assertThat(h.current()).isEqualTo(ratio(0.1));
        h.undo();
        assertThat(h.current()).isEqualTo(base);
        assertThat(h.canUndo()).isFalse();
        h.redo();
        h.redo();
        assertThat(h.current().roundTo()).isEqualTo(8);
        h.undo();
        h.apply(ratio(0.5), "ratio of conv");
        assertThat(h.canRedo()).as("a new edit clears redo").isFalse();
    }

    @Test
    void aDraggedSliderIsOneUndoStep() {
        PlanHistory h = new PlanHistory(base);
        for (double r = 0.05; r < 0.5; r += 0.05) {
            h.apply(ratio(r), "ratio of conv", "slider:conv");
        }
        h.undo();
        assertThat(h.current()).isEqualTo(base);
    }

    @Test
    void sessionFileRoundTrips(@TempDir Path dir) throws Exception {
        SessionFile s = new SessionFile(dir.resolve("m.onnx"), Map.of("images", new long[]{1, 3, 320, 320}),
                ratio(0.3).withSeed(9));
        s.write(dir.resolve("s.json"));
        SessionFile back = SessionFile.read(dir.resolve("s.json"));
        assertThat(back.model()).isEqualTo(dir.resolve("m.onnx").toAbsolutePath());
        assertThat(back.inputShapes().get("images")).containsExactly(1, 3, 320, 320);
        assertThat(back.plan()).isEqualTo(ratio(0.3).withSeed(9));
        java.nio.file.Files.writeString(dir.resolve("bad.json"), "{\"format\":\"other\"}");
        assertThatThrownBy(() -> SessionFile.read(dir.resolve("bad.json"))).hasMessageContaining("not a PruneScope");
    }

    @Test
    void aRunThatDidNotStopCleanlyOffersItsSession(@TempDir Path dir) throws Exception {
        Autosave first = new Autosave(dir);
        assertThat(first.crashedSession()).isEmpty();
        first.markRunning();
        first.save(new SessionFile(dir.resolve("m.onnx"), Map.of(), ratio(0.2)));
        // the process dies here: no markStopped()
        Autosave next = new Autosave(dir);
        assertThat(next.crashedSession()).map(SessionFile::plan).contains(ratio(0.2));
        next.markRunning();
        next.markStopped();
        assertThat(new Autosave(dir).crashedSession()).isEmpty();
    }

    @Test
    void workspaceOpensAModelAndPreviewsAPlan() throws Exception {
        Workspace w = Workspace.open(Path.of("src/test/resources/coupling/residual.onnx"), InputBindings.none(),
                CancellationToken.NEVER, Progress.NONE);
        PruningPlan p = w.emptyPlan().withDefaults(new LayerSetting(Granularity.FILTER, Criterion.L1, 0.5, false,
                2, 4));
        assertThat(w.preview(p).paramsAfter()).isLessThan(w.preview(w.emptyPlan()).paramsAfter());
        assertThat(w.verify(p, 1, CancellationToken.NEVER, Progress.NONE).passed()).isTrue();
    }
}
