package io.prunescope.ui;

import io.prunescope.model.Model;
import io.prunescope.onnx.ModelLoadException;

import java.nio.file.Path;

/** Reads a model file; supplied by the composition root (the ONNX reader), so the UI never touches protobuf. */
@FunctionalInterface
public interface ModelFileReader {

    Model read(Path file) throws ModelLoadException;
}
