package io.prunescope.onnx;

/**
 * A model file PruneScope refuses to open, with a message meant for the person who chose the file.
 * {@link #problem()} lets callers (and tests) tell the cases apart without parsing the message.
 */
public final class ModelLoadException extends Exception {

    public enum Problem {
        NOT_FOUND, NOT_READABLE, EMPTY, TOO_LARGE, WRONG_FORMAT, NOT_ONNX, TRUNCATED, UNSUPPORTED_VERSION,
        DANGLING_INPUT, CYCLE, DUPLICATE_OUTPUT, BAD_TENSOR, UNSAFE_EXTERNAL_DATA, EXTERNAL_DATA_MISSING, UNSUPPORTED
    }

    private final Problem problem;

    public ModelLoadException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public ModelLoadException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
