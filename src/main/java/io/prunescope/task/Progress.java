package io.prunescope.task;

/**
 * Receives progress from a long computation: work done out of total, and a short text of what is happening.
 * Called from the worker thread; a UI adapter moves it to its own thread.
 */
@FunctionalInterface
public interface Progress {

    Progress NONE = (done, total, message) -> { };

    void report(long done, long total, String message);
}
