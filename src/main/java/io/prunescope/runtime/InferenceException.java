package io.prunescope.runtime;

/**
 * ONNX Runtime refused a model or a run. The message is written for the person using the workbench
 * (what went wrong, in words); ONNX Runtime's own text follows after "Details:" for bug reports.
 *
 * <p>Unchecked, so that it passes through lambdas and progress callbacks; callers at the UI edge
 * catch it and show {@link #getMessage()}.
 */
public class InferenceException extends RuntimeException {

    public InferenceException(String message) {
        super(message);
    }

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
