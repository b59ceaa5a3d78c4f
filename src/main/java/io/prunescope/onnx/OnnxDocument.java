package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.prunescope.model.Model;

import java.nio.file.Path;
import java.util.List;

/**
 * A model read from a file together with the file's own protobuf message. The rest of the program works with
 * {@link #model()}; the writer starts from the original message so that whatever PruneScope does not change
 * (doc strings, unknown fields, functions, training info) is written back untouched.
 */
public final class OnnxDocument {

    private final Model model;
    private final ModelProto proto;
    private final List<Path> externalDataFiles;

    OnnxDocument(Model model, ModelProto proto) {
        this(model, proto, List.of());
    }

    OnnxDocument(Model model, ModelProto proto, List<Path> externalDataFiles) {
        this.model = model;
        this.proto = proto;
        this.externalDataFiles = List.copyOf(externalDataFiles);
    }

    /** The files the model's external data was read from (real paths): inputs as much as the .onnx file is. */
    public List<Path> externalDataFiles() {
        return externalDataFiles;
    }

    public Model model() {
        return model;
    }

    ModelProto proto() {
        return proto;
    }
}
