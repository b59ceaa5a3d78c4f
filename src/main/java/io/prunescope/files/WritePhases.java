package io.prunescope.files;

/**
 * Told when each step of an atomic write has finished, so a benchmark can time the steps without a second copy of
 * the writing code: {@code "write"} (bytes in the temporary file), {@code "fsync"}, {@code "verify"}, {@code "move"};
 * the ONNX writer adds {@code "apply"} (the edited model built) before them.
 */
@FunctionalInterface
public interface WritePhases {

    WritePhases NONE = phase -> { };

    void finished(String phase);
}
