package io.prunescope.ui.responsiveness;

import org.junit.jupiter.api.Test;

import java.lang.management.GarbageCollectorMXBean;
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

    /** Names as the JDK's collectors report them: pause beans counted, concurrent-cycle beans not. */
    @Test
    void concurrentCollectorsAreLeftOut() {
        assertThat(GcPauses.countsPauses(named("G1 Young Generation"))).isTrue();
        assertThat(GcPauses.countsPauses(named("G1 Old Generation"))).isTrue();
        assertThat(GcPauses.countsPauses(named("ZGC Pauses"))).isTrue();
        assertThat(GcPauses.countsPauses(named("Shenandoah Pauses"))).isTrue();
        assertThat(GcPauses.countsPauses(named("ZGC Cycles"))).isFalse();
        assertThat(GcPauses.countsPauses(named("Shenandoah Cycles"))).isFalse();
        assertThat(GcPauses.countsPauses(named("G1 Concurrent GC"))).isFalse();
    }

    private static GarbageCollectorMXBean named(String name) {
        return (GarbageCollectorMXBean) java.lang.reflect.Proxy.newProxyInstance(GcPausesTest.class.getClassLoader(),
                new Class<?>[]{GarbageCollectorMXBean.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getName")) {
                        return name;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
