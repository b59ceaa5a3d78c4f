package io.prunescope.runtime;

import ai.onnxruntime.OrtException;

/** Turns ONNX Runtime's error codes into sentences a workbench user can act on. */
final class OrtErrors {

    private OrtErrors() {
    }

    /**
     * @param what what was being done, e.g. "load the model 'resnet.onnx'" or "run the model"
     */
    static InferenceException translate(OrtException e, String what) {
        String details = e.getMessage() == null ? "" : e.getMessage().strip();
        String reason = reason(e.getCode(), details);
        return new InferenceException("ONNX Runtime could not " + what + ": " + reason + "\nDetails: " + details, e);
    }

    /** The operator type ORT names in its message ("Op (Add)", "No Op registered for FancyPrune"). */
    private static String opName(String details, String fallback) {
        // "com.example:FancyPrune(-1) is not a registered function/op": a custom domain, named with its op.
        java.util.regex.Matcher custom = java.util.regex.Pattern
                .compile("([A-Za-z_][\\w.]*):(\\w+)\\(-?\\d+\\) is not a registered").matcher(details);
        if (custom.find()) {
            return "'" + custom.group(2) + "' of the domain '" + custom.group(1) + "'";
        }
        java.util.regex.Matcher domain = java.util.regex.Pattern
                .compile("[Nn]o opset import for domain '?([\\w.]+)'?").matcher(details);
        if (domain.find()) {
            return "of the domain '" + domain.group(1) + "'";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("Op \\((\\w+)\\)|registered for (\\w+)|Op type: (\\w+)|op: *(\\w+)").matcher(details);
        if (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    return "'" + m.group(g) + "'";
                }
            }
        }
        return fallback;
    }

    private static String reason(OrtException.OrtErrorCode code, String details) {
        String lower = details.toLowerCase(java.util.Locale.ROOT);
        // Checked before the code: ORT reports these as generic failures.
        if (lower.contains("ir version")) {
            return "the model was saved in a newer ONNX format (IR version) than this ONNX Runtime (1.21) reads.";
        }
        if (lower.contains("opset") && (lower.contains("not supported") || lower.contains("under development"))) {
            return "the model uses an ONNX operator set (opset) this ONNX Runtime (1.21) does not support.";
        }
        if (lower.contains("shapeinferenceerror") || lower.contains("typeinferenceerror")) {
            return "the model's graph is inconsistent: the shapes or types of the tensors going into "
                    + opName(details, "an operator") + " do not fit together.";
        }
        if (lower.contains("no op registered") || lower.contains("not a registered function/op")
                || lower.contains("no opset import for domain")) {
            return "the model uses the operator " + opName(details, "(unknown)") + ", which this ONNX Runtime (1.21) "
                    + "does not know (a custom operator, or one from a newer ONNX version).";
        }
        if (code == null) {
            return "an unexpected error occurred.";
        }
        return switch (code) {
            case ORT_INVALID_PROTOBUF -> "the data is not a valid ONNX model (it could not be parsed; "
                    + "the file may be truncated, corrupt or not an ONNX file at all).";
            case ORT_INVALID_GRAPH -> "the model's graph is inconsistent (for example a weight or tensor shape "
                    + "does not fit the operator that uses it).";
            case ORT_NOT_IMPLEMENTED -> "the model uses an operator or data type this ONNX Runtime (1.21) "
                    + "cannot execute on the CPU.";
            case ORT_NO_SUCHFILE -> "a file the model needs was not found.";
            case ORT_NO_MODEL -> "no model was given.";
            case ORT_INVALID_ARGUMENT -> "the inputs do not match what the model expects (shape or type).";
            case ORT_ENGINE_ERROR, ORT_EP_FAIL -> "the execution engine failed.";
            default -> "ONNX Runtime reported a failure (see the details).";
        };
    }
}
