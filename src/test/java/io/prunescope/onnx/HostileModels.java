package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Broken and hostile variants of {@link TestModels#classifier}, written to files for reader and command-line tests
 * (the CLI tests may not touch protobuf themselves).
 */
public final class HostileModels {

    private HostileModels() {
    }

    public static ModelProto.Builder classifier() {
        return TestModels.classifier(1, TestModels.WeightStyle.INITIALIZER_RAW);
    }

    public static Path write(ModelProto.Builder m, Path file) throws Exception {
        Files.write(file, m.build().toByteArray());
        return file;
    }

    /** The classifier with every initializer in {@code dataName} next to {@code modelName} in {@code dir}. */
    public static Path withExternalData(Path dir, String modelName, String dataName) throws Exception {
        return moveToExternalData(classifier(), dir, modelName, dataName, 0);
    }

    /** Copies the model at {@code source} into {@code dir} with every raw initializer moved to {@code dataName}. */
    public static Path externalized(Path source, Path dir, String modelName, String dataName) throws Exception {
        return moveToExternalData(new OnnxReader().read(source).proto().toBuilder(), dir, modelName, dataName, 64);
    }

    /** Moves initializers to {@code dataName} (those of at least {@code minBytes} raw bytes when it is > 0). */
    private static Path moveToExternalData(ModelProto.Builder m, Path dir, String modelName, String dataName,
                                           int minBytes) throws Exception {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < m.getGraph().getInitializerCount(); i++) {
            TensorProto t = m.getGraph().getInitializer(i);
            if (minBytes > 0 && (!t.hasRawData() || t.getRawData().size() < minBytes)) {
                continue;
            }
            byte[] raw = t.getRawData().toByteArray();
            long offset = data.size();
            data.write(raw);
            m.getGraphBuilder().setInitializer(i, t.toBuilder().clearRawData()
                    .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(entry("location", dataName))
                    .addExternalData(entry("offset", Long.toString(offset)))
                    .addExternalData(entry("length", Long.toString(raw.length))));
        }
        Files.write(dir.resolve(dataName), data.toByteArray());
        return write(m, dir.resolve(modelName));
    }

    /** The first initializer (conv.weight) keeps its data in the model file itself. */
    public static Path externalDataIsTheModel(Path dir) throws Exception {
        ModelProto.Builder m = classifier();
        TensorProto t = m.getGraph().getInitializer(0);
        m.getGraphBuilder().setInitializer(0, t.toBuilder().clearRawData()
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", "self.onnx"))
                .addExternalData(entry("offset", "0"))
                .addExternalData(entry("length", Long.toString(t.getRawData().size()))));
        // Pad so that the file is long enough for the offset/length to be in range: only the identity is wrong.
        m.addMetadataProps(TestModels.meta("pad", "x".repeat(t.getRawData().size())));
        return write(m, dir.resolve("self.onnx"));
    }

    /** Replaces initializer {@code name} by one of {@code type} with {@code raw} bytes and the same dims. */
    public static ModelProto.Builder retyped(String name, TensorProto.DataType type, byte[] raw) {
        ModelProto.Builder m = classifier();
        for (int i = 0; i < m.getGraph().getInitializerCount(); i++) {
            TensorProto t = m.getGraph().getInitializer(i);
            if (t.getName().equals(name)) {
                m.getGraphBuilder().setInitializer(i, t.toBuilder().setDataType(type.getNumber())
                        .setRawData(ByteString.copyFrom(raw)).build());
            }
        }
        return m;
    }

    /** conv.weight as int8 (one byte per element). */
    public static ModelProto.Builder int8ConvWeight() {
        return retyped("conv.weight", TensorProto.DataType.INT8, new byte[TestModels.COUT * TestModels.CIN * 9]);
    }

    /** fc.weight as strings. */
    public static ModelProto.Builder stringGemmWeight() {
        ModelProto.Builder m = classifier();
        for (int i = 0; i < m.getGraph().getInitializerCount(); i++) {
            TensorProto t = m.getGraph().getInitializer(i);
            if (t.getName().equals("fc.weight")) {
                TensorProto.Builder b = t.toBuilder().setDataType(TensorProto.DataType.STRING_VALUE).clearRawData();
                for (int k = 0; k < TestModels.CLASSES * TestModels.COUT; k++) {
                    b.addStringData(ByteString.copyFromUtf8("w"));
                }
                m.getGraphBuilder().setInitializer(i, b.build());
            }
        }
        return m;
    }

    /** bn.mean with 5 values for the conv's 8 channels. */
    public static ModelProto.Builder shortBatchNormMean() {
        ModelProto.Builder m = classifier();
        for (int i = 0; i < m.getGraph().getInitializerCount(); i++) {
            TensorProto t = m.getGraph().getInitializer(i);
            if (t.getName().equals("bn.mean")) {
                m.getGraphBuilder().setInitializer(i, TestModels.floats("bn.mean", new long[]{5}, new float[5],
                        TestModels.WeightStyle.INITIALIZER_RAW));
            }
        }
        return m;
    }

    /** All four BN vectors with 5 values, for a conv of 8 filters. */
    public static ModelProto.Builder batchNormOfWrongWidth() {
        ModelProto.Builder m = classifier();
        for (int i = 0; i < m.getGraph().getInitializerCount(); i++) {
            TensorProto t = m.getGraph().getInitializer(i);
            if (t.getName().startsWith("bn.")) {
                float[] ones = {1, 1, 1, 1, 1};
                m.getGraphBuilder().setInitializer(i, TestModels.floats(t.getName(), new long[]{5}, ones,
                        TestModels.WeightStyle.INITIALIZER_RAW));
            }
        }
        return m;
    }

    /** conv.weight element 7 is NaN. */
    public static ModelProto.Builder nanConvWeight() {
        float[] w = new float[TestModels.COUT * TestModels.CIN * 9];
        java.util.Arrays.fill(w, 0.1f);
        w[7] = Float.NaN;
        return retyped("conv.weight", TensorProto.DataType.FLOAT, TestModels.le(w));
    }

    /** The Relu node has an empty op type. */
    public static ModelProto.Builder emptyOpType() {
        ModelProto.Builder m = classifier();
        for (int i = 0; i < m.getGraph().getNodeCount(); i++) {
            if (m.getGraph().getNode(i).getName().equals("relu")) {
                m.getGraphBuilder().setNode(i, m.getGraph().getNode(i).toBuilder().setOpType(""));
            }
        }
        return m;
    }

    /** A second initializer named conv.bias. */
    public static ModelProto.Builder duplicateInitializer() {
        ModelProto.Builder m = classifier();
        TensorProto bias = m.getGraph().getInitializerList().stream().filter(t -> t.getName().equals("conv.bias"))
                .findFirst().orElseThrow();
        m.getGraphBuilder().addInitializer(bias);
        return m;
    }

    /** The Relu node becomes com.example:FancyRelu. */
    public static ModelProto.Builder customDomainOp() {
        ModelProto.Builder m = classifier();
        m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.example").setVersion(1));
        for (int i = 0; i < m.getGraph().getNodeCount(); i++) {
            if (m.getGraph().getNode(i).getName().equals("relu")) {
                m.getGraphBuilder().setNode(i, m.getGraph().getNode(i).toBuilder().setOpType("FancyRelu")
                        .setDomain("com.example"));
            }
        }
        return m;
    }

    public static List<String> initializerNames(ModelProto.Builder m) {
        return m.getGraph().getInitializerList().stream().map(TensorProto::getName).toList();
    }

    static StringStringEntryProto entry(String k, String v) {
        return StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
    }
}
