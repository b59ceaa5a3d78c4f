package io.prunescope.task;

/**
 * Told when each step of a piece of work has finished, so that a benchmark can time the steps of the real code path
 * instead of a copy of it. Reading a model reports {@code "read"} (the file's bytes in memory), {@code "parse"}
 * (protobuf), {@code "graph"} (the immutable graph built and checked) and {@code "checks"} (weights); an atomic write
 * reports {@code "open"} (target checked, temporary file created), {@code "write"} (bytes in the temporary file),
 * {@code "fsync"}, {@code "verify"} and {@code "move"}, and an export adds {@code "edit"} (pruned tensors),
 * {@code "guard"} (the target is not one of the model's files) and {@code "apply"} (the edited model built) before
 * them.
 */
@FunctionalInterface
public interface Steps {

    Steps NONE = step -> { };

    void finished(String step);
}
