package io.prunescope.ui.responsiveness;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-line account of a stall: every clock that was read, none that was not. */
class StallReportTest {

    private static StackTraceElement[] at(String method) {
        return new StackTraceElement[]{new StackTraceElement("io.prunescope.ui.Busy", method, "Busy.java", 7)};
    }

    @Test
    void namesWhatTheStallWasMadeOf() {
        StallReport r = new StallReport(81, 12, 9, 48, 6, 14, 3, List.of(at("a"), at("a"), at("b"), at("a")));
        assertThat(r.describe(0)).isEqualTo("stall 81 ms (FX thread on CPU 12 ms, waiting for a core 9 ms; render "
                + "thread on CPU 48 ms; GC pauses 6 ms; safepoints 14 ms, reaching them 3 ms), 4 samples");
        assertThat(r.places()).hasSize(2);
        assertThat(r.places().get(0).share()).isEqualTo(0.75);
    }

    @Test
    void leavesOutClocksThatAreUnknown() {
        StallReport r = new StallReport(64.4, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, List.of());
        assertThat(r.describe(3)).isEqualTo("stall 64 ms (FX thread on CPU ?), 0 samples");
        StallReport noWait = new StallReport(70, 30, Double.NaN, 20, 0, Double.NaN, Double.NaN, List.of());
        assertThat(noWait.describe(3)).isEqualTo(
                "stall 70 ms (FX thread on CPU 30 ms; render thread on CPU 20 ms; GC pauses 0 ms), 0 samples");
    }
}
