package io.prunescope.ui.responsiveness;

import org.junit.jupiter.api.Test;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class GcPausesTest {

    private static final Pattern LINE = Pattern.compile("(\\d+) pauses?, (\\d+) ms");

    @Test
    void aCollectionInBetweenIsCounted() {
        GcPauses before = GcPauses.now();
        System.gc(); // stop-the-world with G1 (the tests' collector), counted by its "Old Generation" bean
        Matcher m = LINE.matcher(before.describeSince());
        assertThat(m.matches()).as(before.describeSince()).isTrue();
        assertThat(Long.parseLong(m.group(1))).isGreaterThanOrEqualTo(1);
        assertThat(Long.parseLong(m.group(2))).isGreaterThanOrEqualTo(0);
        assertThat(GcPauses.totalMillis()).isGreaterThanOrEqualTo(Long.parseLong(m.group(2)));
    }

    @Test
    void concurrentCollectorsAreLeftOut() {
        for (GarbageCollectorMXBean c : ManagementFactory.getGarbageCollectorMXBeans()) {
            boolean concurrent = c.getName().contains("Cycles") || c.getName().contains("Concurrent");
            assertThat(GcPauses.countsPauses(c)).as(c.getName()).isEqualTo(!concurrent);
        }
    }
}
