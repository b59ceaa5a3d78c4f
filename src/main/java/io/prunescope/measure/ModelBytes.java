package io.prunescope.measure;

import io.prunescope.model.ModelEdit;
import io.prunescope.onnx.ModelLoadException;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.onnx.OnnxReader;
import io.prunescope.onnx.OnnxWriter;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.runtime.RuntimeOptions;

import java.util.Collection;

/** Model bytes in and out: re-reading an export to edit it further, exposing intermediate tensors. */
final class ModelBytes {

    private ModelBytes() {
    }

    static OnnxDocument read(byte[] bytes) {
        try {
            return new OnnxReader().read(bytes);
        } catch (ModelLoadException e) {
            throw new IllegalStateException("an exported model does not read back: " + e.getMessage(), e);
        }
    }

    static byte[] write(OnnxDocument doc, ModelEdit edit) {
        return new OnnxWriter().toBytes(doc, edit);
    }

    /** The model with the named intermediate tensors added as graph outputs. */
    static byte[] withOutputs(OnnxDocument doc, ModelEdit base, Collection<String> tensors) {
        tensors.forEach(base::addOutput);
        return write(doc, base);
    }

    static InferenceSession open(byte[] bytes, RuntimeOptions options) {
        return InferenceSession.open(bytes, options);
    }
}
