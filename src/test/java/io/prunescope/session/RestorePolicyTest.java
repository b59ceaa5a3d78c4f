package io.prunescope.session;

import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** After a crash, only an autosave that gives back lost work is offered: not an empty one, not the saved one. */
class RestorePolicyTest {

    private final PruningPlan base = PruningPlan.empty("abc", "m.onnx");

    private static LayerSetting filter(double ratio) {
        return new LayerSetting(Granularity.FILTER, Criterion.L1, ratio, false, 2, 4);
    }

    /** Writes an autosave of {@code plan} as a run that then died (marker left behind). */
    private static Autosave crashedWith(Path dir, PruningPlan plan) throws Exception {
        Autosave run = new Autosave(dir);
        run.markRunning();
        run.save(new SessionFile(dir.resolve("m.onnx"), Map.of("images", new long[]{1, 3, 32, 32}), plan));
        return new Autosave(dir);
    }

    @Test
    void aPlanThatPrunesNothingIsEmpty() {
        assertThat(RestorePolicy.isEmpty(base)).isTrue();
        // settings that exist but remove nothing: ratio 0, or a protected layer
        assertThat(RestorePolicy.isEmpty(base.withLayer("a", filter(0)).withLayer("b", filter(0.4).withProtect(true))))
                .isTrue();
        assertThat(RestorePolicy.isEmpty(base.withLayer("a", filter(0.1)))).isFalse();
        // defaults apply to every layer without its own setting
        assertThat(RestorePolicy.isEmpty(base.withDefaults(filter(0.3)))).isFalse();
        // N:M zeroes weights whatever the ratio
        assertThat(RestorePolicy.isEmpty(base.withLayer("a",
                new LayerSetting(Granularity.N_M, Criterion.L1, 0, false, 2, 4)))).isFalse();
    }

    @Test
    void anEmptyAutosaveIsNotOffered(@TempDir Path dir) throws Exception {
        assertThat(crashedWith(dir, base).crashedSession()).isEmpty();
        assertThat(crashedWith(dir, base.withLayer("conv", filter(0))).crashedSession()).isEmpty();
    }

    @Test
    void anAutosaveWithWorkIsOffered(@TempDir Path dir) throws Exception {
        PruningPlan work = base.withLayer("conv", filter(0.25));
        assertThat(crashedWith(dir, work).crashedSession()).map(SessionFile::plan).contains(work);
    }

    @Test
    void anAutosaveEqualToTheSavedSessionIsNotOfferedUntilEdited(@TempDir Path dir) throws Exception {
        PruningPlan saved = base.withLayer("conv", filter(0.25));
        Autosave run = new Autosave(dir);
        SessionFile session = new SessionFile(dir.resolve("m.onnx"), Map.of("images", new long[]{1, 3, 32, 32}), saved);
        run.rememberSaved(session);
        assertThat(crashedWith(dir, saved).crashedSession()).isEmpty();

        PruningPlan edited = saved.withLayer("fc", filter(0.5));
        assertThat(crashedWith(dir, edited).crashedSession()).map(SessionFile::plan).contains(edited);
    }
}
