package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.prunescope.model.Model;

/**
 * A model read from a file together with the file's own protobuf message. The rest of the program works with
 * {@link #model()}; the writer starts from the original message so that whatever PruneScope does not change
 * (doc strings, unknown fields, functions, training info) is written back untouched.
 */
public final class OnnxDocument {

    private final Model model;
    private final ModelProto proto;

    OnnxDocument(Model model, ModelProto proto) {
        this.model = model;
        this.proto = proto;
    }

    public Model model() {
        return model;
    }

    ModelProto proto() {
        return proto;
    }
}
