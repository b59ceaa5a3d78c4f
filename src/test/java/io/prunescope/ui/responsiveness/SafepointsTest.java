package io.prunescope.ui.responsiveness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HotSpot's safepoint counters, as the launchers open them (the tests run with the same {@code --add-exports}): a
 * forced collection is counted, the wait to reach safepoints is read, and without the counters every
 * figure is unknown rather than zero.
 */
class SafepointsTest {

    @Test
    void aCollectionIsCountedAsASafepoint() {
        Safepoints jvm = Safepoints.jvm();
        assertThat(jvm.available()).as("the build's --add-exports java.management/sun.management").isTrue();
        Safepoints.Mark mark = jvm.mark();
        long before = jvm.count();
        long millisBefore = jvm.totalMillis();
        System.gc();
        assertThat(jvm.count()).isGreaterThan(before);
        assertThat(jvm.totalMillis()).isGreaterThanOrEqualTo(millisBefore);
        assertThat(jvm.reachingMillis()).isNotNegative();
        assertThat(mark.describeSince()).matches("\\d+ safepoints, \\d+ ms \\(reaching them \\d+ ms\\)")
                .doesNotStartWith("0 ");
    }

    @Test
    void withoutTheCountersEveryFigureIsUnknown() {
        Safepoints none = Safepoints.of("io.prunescope.NoSuchHelper", "sun.management.HotspotRuntimeMBean");
        assertThat(none.available()).isFalse();
        assertThat(none.totalMillis()).isEqualTo(-1);
        assertThat(none.reachingMillis()).isEqualTo(-1);
        assertThat(none.count()).isEqualTo(-1);
        assertThat(none.mark().describeSince()).isEmpty();
    }
}
