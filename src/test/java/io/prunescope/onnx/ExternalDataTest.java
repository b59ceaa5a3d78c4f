package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.prunescope.model.Model;
import io.prunescope.model.ModelEdit;
import io.prunescope.onnx.ModelLoadException.Problem;
import io.prunescope.onnx.TestModels.WeightStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.prunescope.onnx.TestModels.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** DESIGN §8: weights in a side file, relative to the model's folder, never outside it. */
class ExternalDataTest {

    @TempDir
    Path dir;

    /**
     * Moves every initializer's raw_data into {@code dataFile} (16 bytes of padding first, so offsets matter) and
     * returns the original raw bytes per tensor.
     */
    static Map<String, byte[]> externalize(ModelProto.Builder m, Path dataFile, String location) throws Exception {
        Map<String, byte[]> original = new LinkedHashMap<>();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(new byte[16]);
        for (int i = 0; i < m.getGraph().getInitializerCount(); i++) {
            TensorProto t = m.getGraph().getInitializer(i);
            byte[] raw = t.getRawData().toByteArray();
            original.put(t.getName(), raw);
            long offset = data.size();
            data.write(raw);
            m.getGraphBuilder().setInitializer(i, t.toBuilder().clearRawData()
                    .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(entry("location", location))
                    .addExternalData(entry("offset", Long.toString(offset)))
                    .addExternalData(entry("length", Long.toString(raw.length))));
        }
        Files.write(dataFile, data.toByteArray());
        return original;
    }

    private static StringStringEntryProto entry(String k, String v) {
        return StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
    }

    private Path writeModel(ModelProto.Builder m, String name) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, m.build().toByteArray());
        return f;
    }

    private static ModelLoadException refused(Path f) {
        ModelLoadException e = catchThrowableOfType(ModelLoadException.class, () -> new OnnxReader().read(f));
        assertThat(e).isNotNull();
        return e;
    }

    /** Points the first initializer's location (and optionally offset/length) somewhere else. */
    private static ModelProto.Builder withLocation(ModelProto.Builder m, String location, String offset,
                                                   String length) {
        TensorProto.Builder t = m.getGraphBuilder().getInitializerBuilder(0).clearExternalData()
                .addExternalData(entry("location", location));
        if (offset != null) {
            t.addExternalData(entry("offset", offset));
        }
        if (length != null) {
            t.addExternalData(entry("length", length));
        }
        return m;
    }

    @Test
    void loadsWeightsFromASideFileWithOffsets() throws Exception {
        ModelProto.Builder m = classifier(31, WeightStyle.INITIALIZER_RAW);
        Model expected = load(m);
        Files.createDirectories(dir.resolve("data"));
        Map<String, byte[]> raw = externalize(m, dir.resolve("data/weights.bin"), "data/weights.bin");
        Model model = new OnnxReader().read(writeModel(m, "ext.onnx")).model();
        for (String name : raw.keySet()) {
            assertThat(model.graph().constant(name).orElseThrow().toFloats()).as(name)
                    .containsExactly(expected.graph().constant(name).orElseThrow().toFloats());
            assertThat(bytes(model.graph().constant(name).orElseThrow().payload())).isEqualTo(raw.get(name));
        }
    }

    @Test
    void constantNodeValueInExternalData() throws Exception {
        ModelProto.Builder m = classifier(32, WeightStyle.CONSTANT_NODES);
        NodeProto.Builder c = m.getGraphBuilder().getNodeBuilder(0);
        TensorProto t = c.getAttribute(0).getT();
        Files.write(dir.resolve("c.bin"), t.getRawData().toByteArray());
        c.getAttributeBuilder(0).setT(t.toBuilder().clearRawData().setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", "c.bin")));
        Path f = writeModel(m, "c.onnx");
        OnnxDocument doc = new OnnxReader().read(f);
        assertThat(bytes(doc.model().graph().constant("conv.weight").orElseThrow().payload()))
                .isEqualTo(t.getRawData().toByteArray());
        // written back inline, same bytes
        ModelProto out = ModelProto.parseFrom(new OnnxWriter().toBytes(doc, new ModelEdit()));
        TensorProto inlined = out.getGraph().getNode(0).getAttribute(0).getT();
        assertThat(inlined.getDataLocation()).isEqualTo(TensorProto.DataLocation.DEFAULT);
        assertThat(inlined.getExternalDataCount()).isZero();
        assertThat(inlined.getRawData()).isEqualTo(t.getRawData());
        assertThat(inlined.getDimsList()).isEqualTo(t.getDimsList());
    }

    @Test
    void writingInlinesTheSameBytes() throws Exception {
        ModelProto.Builder m = classifier(33, WeightStyle.INITIALIZER_RAW);
        Map<String, byte[]> raw = externalize(m, dir.resolve("w.bin"), "w.bin");
        OnnxDocument doc = new OnnxReader().read(writeModel(m, "ext.onnx"));
        Path outDir = Files.createDirectories(dir.resolve("elsewhere"));
        Path target = outDir.resolve("inline.onnx");
        new OnnxWriter().write(doc, new ModelEdit(), target);
        ModelProto written = ModelProto.parseFrom(Files.readAllBytes(target));
        assertThat(written.getGraph().getInitializerList()).hasSize(raw.size());
        for (TensorProto t : written.getGraph().getInitializerList()) {
            assertThat(t.getDataLocation()).isEqualTo(TensorProto.DataLocation.DEFAULT);
            assertThat(t.getExternalDataCount()).isZero();
            assertThat(t.getRawData().toByteArray()).as(t.getName()).isEqualTo(raw.get(t.getName()));
        }
        // the inlined model needs no side file, and runs the same in ONNX Runtime
        Model reread = new OnnxReader().read(target).model();
        assertThat(reread.graph().constants()).hasSize(raw.size());
        Map<String, long[]> shapes = Map.of(INPUT, new long[]{1, CIN, HW, HW});
        Map<String, float[]> in = randomInput(3, shapes);
        byte[] reference = classifier(33, WeightStyle.INITIALIZER_RAW).build().toByteArray();
        assertThat(run(Files.readAllBytes(target), shapes, in, null).get(OUTPUT))
                .containsExactly(run(reference, shapes, in, null).get(OUTPUT));
    }

    @Test
    void refusesParentDirectory() throws Exception {
        ModelProto.Builder m = classifier(34, WeightStyle.INITIALIZER_RAW);
        externalize(m, dir.resolve("w.bin"), "w.bin");
        for (String bad : List.of("../x", "data/../../x", "..\\x", "a/..")) {
            ModelLoadException e = refused(writeModel(withLocation(m, bad, "0", null), "bad.onnx"));
            assertThat(e.problem()).as(bad).isEqualTo(Problem.UNSAFE_EXTERNAL_DATA);
            assertThat(e).hasMessageContaining("'conv.weight'").hasMessageContaining("outside the model's folder");
        }
    }

    @Test
    void refusesAbsolutePaths() throws Exception {
        ModelProto.Builder m = classifier(35, WeightStyle.INITIALIZER_RAW);
        Path w = dir.resolve("w.bin");
        externalize(m, w, "w.bin");
        for (String bad : List.of(w.toAbsolutePath().toString(), "/etc/passwd", "C:\\weights.bin", "\\\\server\\x")) {
            ModelLoadException e = refused(writeModel(withLocation(m, bad, "16", null), "abs.onnx"));
            assertThat(e.problem()).as(bad).isEqualTo(Problem.UNSAFE_EXTERNAL_DATA);
            assertThat(e).hasMessageContaining("absolute path");
        }
    }

    @Test
    void refusesASymlinkLeavingTheFolder() throws Exception {
        Path modelDir = Files.createDirectories(dir.resolve("model"));
        Path outside = Files.createDirectories(dir.resolve("secret"));
        ModelProto.Builder m = classifier(36, WeightStyle.INITIALIZER_RAW);
        externalize(m, outside.resolve("w.bin"), "w.bin");
        Files.createSymbolicLink(modelDir.resolve("w.bin"), outside.resolve("w.bin"));
        Path f = modelDir.resolve("m.onnx");
        Files.write(f, m.build().toByteArray());
        ModelLoadException e = refused(f);
        assertThat(e.problem()).isEqualTo(Problem.UNSAFE_EXTERNAL_DATA);
        assertThat(e).hasMessageContaining("a link to").hasMessageContaining("outside the model's folder");
        // a linked folder leaving the model's folder is refused the same way
        Files.delete(modelDir.resolve("w.bin"));
        Files.createSymbolicLink(modelDir.resolve("data"), outside);
        Files.write(f, withLocation(m, "data/w.bin", "16", null).build().toByteArray());
        assertThat(refused(f).problem()).isEqualTo(Problem.UNSAFE_EXTERNAL_DATA);
    }

    @Test
    void acceptsASymlinkThatStaysInside() throws Exception {
        ModelProto.Builder m = classifier(37, WeightStyle.INITIALIZER_RAW);
        externalize(m, dir.resolve("real.bin"), "w.bin");
        Files.createSymbolicLink(dir.resolve("w.bin"), dir.resolve("real.bin"));
        assertThat(new OnnxReader().read(writeModel(m, "m.onnx")).model().graph().constants()).hasSize(8);
    }

    @Test
    void refusesOffsetAndLengthBeyondTheFile() throws Exception {
        ModelProto.Builder m = classifier(38, WeightStyle.INITIALIZER_RAW);
        externalize(m, dir.resolve("w.bin"), "w.bin");
        long size = Files.size(dir.resolve("w.bin"));
        ModelLoadException e = refused(writeModel(withLocation(m, "w.bin", Long.toString(size - 100), "864"),
                "far.onnx"));
        assertThat(e.problem()).isEqualTo(Problem.UNSAFE_EXTERNAL_DATA);
        assertThat(e).hasMessageContaining("reads bytes " + (size - 100) + ".." + (size + 764))
                .hasMessageContaining("only " + size + " bytes");
        // offset past the end, and offsets near Long.MAX_VALUE that would overflow offset + length
        for (String offset : List.of(Long.toString(size + 1), Long.toString(Long.MAX_VALUE - 10))) {
            assertThat(refused(writeModel(withLocation(m, "w.bin", offset, "864"), "far.onnx")).problem())
                    .isEqualTo(Problem.UNSAFE_EXTERNAL_DATA);
        }
        e = refused(writeModel(withLocation(m, "w.bin", "-8", "864"), "neg.onnx"));
        assertThat(e.problem()).isEqualTo(Problem.UNSAFE_EXTERNAL_DATA);
        assertThat(e).hasMessageContaining("negative");
        e = refused(writeModel(withLocation(m, "w.bin", "16", "-1"), "neg.onnx"));
        assertThat(e.problem()).isEqualTo(Problem.UNSAFE_EXTERNAL_DATA);
        e = refused(writeModel(withLocation(m, "w.bin", "sixteen", null), "nan.onnx"));
        assertThat(e.problem()).isEqualTo(Problem.UNSAFE_EXTERNAL_DATA);
        assertThat(e).hasMessageContaining("not a number");
        // a length that disagrees with the shape is a broken tensor
        e = refused(writeModel(withLocation(m, "w.bin", "16", "100"), "len.onnx"));
        assertThat(e.problem()).isEqualTo(Problem.BAD_TENSOR);
        assertThat(e).hasMessageContaining("864 bytes").hasMessageContaining("length is 100");
    }

    @Test
    void missingFileAndOddLocations() throws Exception {
        ModelProto.Builder m = classifier(39, WeightStyle.INITIALIZER_RAW);
        externalize(m, dir.resolve("w.bin"), "w.bin");
        ModelLoadException e = refused(writeModel(withLocation(m, "gone.bin", null, null), "m.onnx"));
        assertThat(e.problem()).isEqualTo(Problem.EXTERNAL_DATA_MISSING);
        assertThat(e).hasMessageContaining("'gone.bin'").hasMessageContaining("'conv.weight'");

        e = refused(writeModel(withLocation(m, "", null, null), "m.onnx"));
        assertThat(e.problem()).isEqualTo(Problem.UNSAFE_EXTERNAL_DATA);
        assertThat(e).hasMessageContaining("without a location");

        e = refused(writeModel(withLocation(m, "w\u0000.bin", null, null), "m.onnx"));
        assertThat(e.problem()).isEqualTo(Problem.UNSAFE_EXTERNAL_DATA);

        Files.createDirectories(dir.resolve("folder"));
        e = refused(writeModel(withLocation(m, "folder", null, null), "m.onnx"));
        assertThat(e.problem()).isEqualTo(Problem.UNSAFE_EXTERNAL_DATA);
        assertThat(e).hasMessageContaining("not a regular file");
    }

    @Test
    void externalDataInAModelReadFromMemoryIsRefused() throws Exception {
        ModelProto.Builder m = classifier(40, WeightStyle.INITIALIZER_RAW);
        externalize(m, dir.resolve("w.bin"), "w.bin");
        ModelLoadException e = catchThrowableOfType(ModelLoadException.class,
                () -> new OnnxReader().read(m.build().toByteArray()));
        assertThat(e.problem()).isEqualTo(Problem.UNSAFE_EXTERNAL_DATA);
        assertThat(e).hasMessageContaining("not read from a file");
    }

    @Test
    void writerNeverOverwritesTheSourceWeightsFile() throws Exception {
        ModelProto.Builder m = classifier(41, WeightStyle.INITIALIZER_RAW);
        Path w = dir.resolve("w.bin");
        externalize(m, w, "w.bin");
        byte[] before = Files.readAllBytes(w);
        OnnxDocument doc = new OnnxReader().read(writeModel(m, "m.onnx"));
        assertThatThrownBy(() -> new OnnxWriter().write(doc, new ModelEdit(), w))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("holds the weights");
        assertThat(Files.readAllBytes(w)).isEqualTo(before);
    }

    static byte[] bytes(java.nio.ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
