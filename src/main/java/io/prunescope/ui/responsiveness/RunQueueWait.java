package io.prunescope.ui.responsiveness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long the calling thread has waited for a core so far: ready to run, but every core busy with other threads
 * (Linux's scheduler statistics, {@code /proc/thread-self/schedstat}: time on a CPU, time waiting on a run queue,
 * time slices). A stall's FX CPU time says how much of it was the FX thread's own work; this says how much of the
 * rest it was starved (issue 13: on two cores the JIT's compilers, the render thread and the workers compete for the
 * same cores while a model opens). The remainder is the FX thread blocked: waiting for the render thread, a lock or
 * a safepoint. Elsewhere than on Linux, or with the statistics switched off, {@link #ofCurrentThread} is -1.
 */
final class RunQueueWait {

    private static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");

    private RunQueueWait() {
    }

    /** Nanoseconds the calling thread has waited on a run queue since it started, or -1 where unknown. */
    static long ofCurrentThread() {
        try {
            return parse(Files.readString(SCHEDSTAT));
        } catch (IOException | RuntimeException unavailable) {
            return -1;
        }
    }

    /** The second of schedstat's three numbers ("on CPU ns, waiting ns, slices"); -1 if the line is not that. */
    static long parse(String schedstat) {
        String[] fields = schedstat.trim().split("\\s+");
        if (fields.length < 2) {
            return -1;
        }
        try {
            return Long.parseLong(fields[1]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
