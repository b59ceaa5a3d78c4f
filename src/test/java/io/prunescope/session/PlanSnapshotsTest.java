package io.prunescope.session;

import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Kept plans: naming, replacing, and the round trip through the session file. */
class PlanSnapshotsTest {

    private final PruningPlan base = PruningPlan.empty("abc", "m.onnx");

    private PruningPlan at(double r) {
        return base.withLayer("conv", new LayerSetting(Granularity.FILTER, Criterion.L1, r, false, 2, 4));
    }

    @Test
    void namesAreUniqueAndAReKeepReplaces() {
        PlanSnapshots s = new PlanSnapshots();
        assertThat(s.keep("", at(0.1)).name()).isEqualTo("plan 1");
        assertThat(s.keep(null, at(0.2)).name()).isEqualTo("plan 2");
        s.keep("plan 1", at(0.3));
        assertThat(s.all()).extracting(PlanSnapshot::name).containsExactly("plan 1", "plan 2");
        assertThat(s.named("plan 1").orElseThrow().plan()).isEqualTo(at(0.3));
        assertThat(s.remove("plan 1")).isTrue();
        assertThat(s.nextName()).isEqualTo("plan 3"); // "plan 2" is taken
    }

    @Test
    void keptPlansRoundTripThroughTheSessionFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.prunescope");
        List<PlanSnapshot> kept = List.of(new PlanSnapshot("fast", at(0.5)), new PlanSnapshot("safe", at(0.1)));
        new SessionFile(dir.resolve("m.onnx"), Map.of("x", new long[]{1, 3, 8, 8}), at(0.3), kept).write(file);
        SessionFile back = SessionFile.read(file);
        assertThat(back.plan()).isEqualTo(at(0.3));
        assertThat(back.kept()).isEqualTo(kept);
        // a session without kept plans reads with none
        new SessionFile(dir.resolve("m.onnx"), Map.of(), at(0.3)).write(file);
        assertThat(SessionFile.read(file).kept()).isEmpty();
    }
}
