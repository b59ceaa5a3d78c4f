package io.prunescope.runtime;

/** Told how many of {@code total} units (samples, runs) are done; called on the working thread. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total) -> { };

    void progress(long done, long total);
}
