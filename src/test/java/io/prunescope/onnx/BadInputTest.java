package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import io.prunescope.onnx.ModelLoadException.Problem;
import io.prunescope.onnx.TestModels.WeightStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.prunescope.onnx.TestModels.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

/** Every way a file can be wrong gets its own Problem and a message that says what is wrong. */
class BadInputTest {

    @TempDir
    Path dir;

    private ModelLoadException refused(Path file) {
        ModelLoadException e = catchThrowableOfType(ModelLoadException.class, () -> new OnnxReader().read(file));
        assertThat(e).as("reading %s should be refused", file.getFileName()).isNotNull();
        return e;
    }

    private ModelLoadException refused(byte[] bytes) throws Exception {
        Path f = dir.resolve("bad-" + System.nanoTime() + ".onnx");
        Files.write(f, bytes);
        return refused(f);
    }

    private ModelLoadException refused(ModelProto.Builder m) throws Exception {
        return refused(m.build().toByteArray());
    }

    private static byte[] valid() {
        return classifier(11, WeightStyle.INITIALIZER_RAW).build().toByteArray();
    }

    @Test
    void emptyFile() throws Exception {
        ModelLoadException e = refused(new byte[0]);
        assertThat(e.problem()).isEqualTo(Problem.EMPTY);
        assertThat(e).hasMessageContaining("empty").hasMessageContaining("0 bytes");
        assertThat(catchThrowableOfType(ModelLoadException.class, () -> new OnnxReader().read(new byte[0])).problem())
                .isEqualTo(Problem.EMPTY);
    }

    @Test
    void truncatedFile() throws Exception {
        byte[] b = valid();
        ModelLoadException e = refused(Arrays.copyOf(b, b.length / 2));
        assertThat(e.problem()).isEqualTo(Problem.TRUNCATED);
        assertThat(e).hasMessageContaining("ends in the middle").hasMessageContaining("cut short");
    }

    @Test
    void damagedGzip() throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(valid());
        }
        byte[] gz = bos.toByteArray();
        Path f = dir.resolve("m.onnx.gz");
        Files.write(f, Arrays.copyOf(gz, gz.length / 2));
        ModelLoadException e = refused(f);
        assertThat(e.problem()).isEqualTo(Problem.TRUNCATED);
        assertThat(e).hasMessageContaining("damaged gzip");
    }

    @Test
    void randomBytesAreNeverAModel() throws Exception {
        Map<Problem, Integer> seen = new EnumMap<>(Problem.class);
        Random r = new Random(1234);
        for (int i = 0; i < 300; i++) {
            int len = 3 + r.nextInt(i < 150 ? 64 : 4096);
            byte[] b = new byte[len];
            r.nextBytes(b);
            if (i % 3 == 0) {
                b[0] = 0x08; // start like a real model (field 1 = ir_version, varint) to get further in
                b[1] = (byte) (1 + r.nextInt(10));
                if (len > 3) {
                    b[2] = 0x3A; // field 7 = graph, length-delimited
                }
            }
            ModelLoadException e = catchThrowableOfType(ModelLoadException.class, () -> new OnnxReader().read(b));
            assertThat(e).as("random bytes #%d (%d bytes) must be refused", i, len).isNotNull();
            assertThat(e.problem()).as("random bytes #%d: %s", i, e.getMessage())
                    .isIn(Problem.NOT_ONNX, Problem.TRUNCATED);
            assertThat(e.getMessage()).isNotBlank();
            seen.merge(e.problem(), 1, Integer::sum);
        }
        assertThat(seen).containsKey(Problem.NOT_ONNX);
    }

    @Test
    void randomBytesThatParseAsProtobufAreRefusedAsNotOnnx() throws Exception {
        // A well-formed protobuf message made only of fields ONNX does not define.
        byte[] b = {(byte) 0xF8, 0x07, 0x01, (byte) 0x80, 0x08, 0x05};
        assertThat(refused(b).problem()).isEqualTo(Problem.NOT_ONNX);
        // IR version and an empty graph, nothing else
        ModelLoadException e = refused(ModelProto.newBuilder().setIrVersion(7).setGraph(GraphProto.newBuilder()));
        assertThat(e.problem()).isEqualTo(Problem.NOT_ONNX);
        assertThat(e).hasMessageContaining("graph is empty");
        e = refused(ModelProto.newBuilder().setIrVersion(7).setProducerName("x"));
        assertThat(e).hasMessageContaining("no graph");
        e = refused(tiny().clearIrVersion());
        assertThat(e).hasMessageContaining("no IR version");
        e = refused(tiny().clearOpsetImport());
        assertThat(e.problem()).isEqualTo(Problem.NOT_ONNX);
        assertThat(e).hasMessageContaining("no opset");
        // a real graph drowned in bytes no ONNX field holds
        ModelProto.Builder noisy = tiny();
        byte[] junk = new byte[4000];
        new Random(5).nextBytes(junk);
        noisy.setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder().addField(999,
                com.google.protobuf.UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFrom(junk))
                        .build()).build());
        e = refused(noisy);
        assertThat(e.problem()).isEqualTo(Problem.NOT_ONNX);
        assertThat(e).hasMessageContaining("fields ONNX does not define");
    }

    @Test
    void zipRenamedToOnnx() throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bos)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(valid());
            zip.closeEntry();
        }
        ModelLoadException e = refused(bos.toByteArray());
        assertThat(e.problem()).isEqualTo(Problem.WRONG_FORMAT);
        assertThat(e).hasMessageContaining("ZIP archive").hasMessageContaining("not an ONNX model");
    }

    @Test
    void hdf5File() throws Exception {
        byte[] b = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
        ModelLoadException e = refused(b);
        assertThat(e.problem()).isEqualTo(Problem.WRONG_FORMAT);
        assertThat(e).hasMessageContaining("HDF5");
    }

    @Test
    void irVersion99() throws Exception {
        ModelLoadException e = refused(classifier(1, WeightStyle.INITIALIZER_RAW).setIrVersion(99));
        assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED_VERSION);
        assertThat(e).hasMessageContaining("IR version 99").hasMessageContaining("3 to 10");
        e = refused(classifier(1, WeightStyle.INITIALIZER_RAW).setIrVersion(2));
        assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED_VERSION);
    }

    @Test
    void nodeReadingATensorNothingProduces() throws Exception {
        ModelProto.Builder m = tiny();
        m.getGraphBuilder().getNodeBuilder(0).setInput(0, "ghost");
        ModelLoadException e = refused(m);
        assertThat(e.problem()).isEqualTo(Problem.DANGLING_INPUT);
        assertThat(e).hasMessageContaining("'relu'").hasMessageContaining("'ghost'")
                .hasMessageContaining("no node, graph input or initializer");
    }

    @Test
    void graphOutputNothingProduces() throws Exception {
        ModelProto.Builder m = tiny();
        m.getGraphBuilder().addOutput(valueInfo("nowhere", TensorProto.DataType.FLOAT, 1));
        ModelLoadException e = refused(m);
        assertThat(e.problem()).isEqualTo(Problem.DANGLING_INPUT);
        assertThat(e).hasMessageContaining("graph output 'nowhere'");
    }

    @Test
    void cycle() throws Exception {
        ModelProto.Builder m = tiny();
        GraphProto.Builder g = m.getGraphBuilder().clearNode();
        g.addNode(node("Add", "a", List.of("x", "b_out"), List.of("a_out")));
        g.addNode(node("Relu", "b", List.of("a_out"), List.of("b_out")));
        g.addNode(node("Relu", "c", List.of("a_out"), List.of("y")));
        ModelLoadException e = refused(m);
        assertThat(e.problem()).isEqualTo(Problem.CYCLE);
        assertThat(e).hasMessageContaining("cycle").hasMessageContaining("a").hasMessageContaining("b");
    }

    @Test
    void selfLoop() throws Exception {
        ModelProto.Builder m = tiny();
        m.getGraphBuilder().clearNode().addNode(node("Add", "loop", List.of("x", "y"), List.of("y")));
        assertThat(refused(m).problem()).isEqualTo(Problem.CYCLE);
    }

    @Test
    void twoNodesWritingOneTensor() throws Exception {
        ModelProto.Builder m = tiny();
        m.getGraphBuilder().addNode(node("Sigmoid", "again", List.of("x"), List.of("y")));
        ModelLoadException e = refused(m);
        assertThat(e.problem()).isEqualTo(Problem.DUPLICATE_OUTPUT);
        assertThat(e).hasMessageContaining("'y'").hasMessageContaining("relu").hasMessageContaining("again");
    }

    @Test
    void rawDataByteCountDoesNotMatchShape() throws Exception {
        ModelProto.Builder m = classifier(1, WeightStyle.INITIALIZER_RAW);
        TensorProto w = m.getGraph().getInitializer(0);
        m.getGraphBuilder().setInitializer(0, w.toBuilder().setRawData(w.getRawData().substring(0, 100)));
        ModelLoadException e = refused(m);
        assertThat(e.problem()).isEqualTo(Problem.BAD_TENSOR);
        assertThat(e).hasMessageContaining("'conv.weight'").hasMessageContaining("[8×3×3×3]")
                .hasMessageContaining("864 bytes").hasMessageContaining("holds 100 bytes");
    }

    @Test
    void typedFieldCountDoesNotMatchShape() throws Exception {
        ModelProto.Builder m = classifier(1, WeightStyle.INITIALIZER_TYPED);
        m.getGraphBuilder().getInitializerBuilder(1).addFloatData(1f);
        ModelLoadException e = refused(m);
        assertThat(e.problem()).isEqualTo(Problem.BAD_TENSOR);
        assertThat(e).hasMessageContaining("'conv.bias'").hasMessageContaining("declares 8 elements")
                .hasMessageContaining("float_data holds 9");
    }

    @Test
    void constantNodeTensorWithWrongByteCount() throws Exception {
        ModelProto.Builder m = classifier(1, WeightStyle.CONSTANT_NODES);
        NodeProto.Builder c = m.getGraphBuilder().getNodeBuilder(0);
        c.getAttributeBuilder(0).getTBuilder().addDims(2);
        ModelLoadException e = refused(m);
        assertThat(e.problem()).isEqualTo(Problem.BAD_TENSOR);
        assertThat(e).hasMessageContaining("conv.weight");
    }

    @Test
    void negativeDimsAndUnknownTypes() throws Exception {
        ModelProto.Builder m = tiny();
        m.getGraphBuilder().addInitializer(TensorProto.newBuilder().setName("neg").setDataType(1).addDims(-4));
        ModelLoadException e = refused(m);
        assertThat(e.problem()).isEqualTo(Problem.BAD_TENSOR);
        assertThat(e).hasMessageContaining("negative dimension -4");

        m = tiny();
        m.getGraphBuilder().addInitializer(TensorProto.newBuilder().setName("odd").setDataType(77).addDims(1));
        e = refused(m);
        assertThat(e.problem()).isEqualTo(Problem.BAD_TENSOR);
        assertThat(e).hasMessageContaining("unknown data type 77");

        m = tiny();
        m.getGraphBuilder().setInput(0, valueInfo("x", TensorProto.DataType.FLOAT, 1, -4));
        e = refused(m);
        assertThat(e.problem()).isEqualTo(Problem.BAD_TENSOR);
        assertThat(e).hasMessageContaining("'x'").hasMessageContaining("negative dimension");
    }

    @Test
    void declaredTensorOfTwoToThe40Elements() throws Exception {
        ModelProto.Builder m = tiny();
        m.getGraphBuilder().setInput(0, valueInfo("x", TensorProto.DataType.FLOAT, 1 << 20, 1 << 20));
        ModelLoadException e = refused(m);
        assertThat(e.problem()).isEqualTo(Problem.TOO_LARGE);
        assertThat(e).hasMessageContaining("'x'").hasMessageContaining("1099511627776 elements");

        m = tiny();
        m.getGraphBuilder().addValueInfo(valueInfo("y", TensorProto.DataType.FLOAT, 1L << 40));
        e = refused(m);
        assertThat(e.problem()).isEqualTo(Problem.TOO_LARGE);
        assertThat(e).hasMessageContaining("'y'");

        // overflowing products saturate instead of wrapping to something small
        m = tiny();
        m.getGraphBuilder().addValueInfo(valueInfo("y", TensorProto.DataType.FLOAT, 1L << 40, 1L << 40, 1L << 40));
        assertThat(refused(m).problem()).isEqualTo(Problem.TOO_LARGE);
    }

    @Test
    void initializerDeclaringTwoToThe40Elements() throws Exception {
        ModelProto.Builder m = tiny();
        m.getGraphBuilder().addInitializer(TensorProto.newBuilder().setName("huge").setDataType(1)
                .addDims(1L << 20).addDims(1L << 20).setRawData(ByteString.copyFrom(new byte[16])));
        ModelLoadException e = refused(m);
        assertThat(e.problem()).isEqualTo(Problem.TOO_LARGE);
        assertThat(e).hasMessageContaining("'huge'").hasMessageContaining("1099511627776 elements");
        // typed fields too (a count check alone would call it BAD_TENSOR)
        m = tiny();
        m.getGraphBuilder().addInitializer(TensorProto.newBuilder().setName("huge").setDataType(1)
                .addDims(1L << 40).addFloatData(1f));
        assertThat(refused(m).problem()).isEqualTo(Problem.TOO_LARGE);
    }

    @Test
    void sparseInitializersAreUnsupported() throws Exception {
        ModelProto.Builder m = tiny();
        m.getGraphBuilder().addSparseInitializer(SparseTensorProto.newBuilder().addDims(4)
                .setValues(TensorProto.newBuilder().setName("s").setDataType(1).addDims(0)));
        ModelLoadException e = refused(m);
        assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED);
        assertThat(e).hasMessageContaining("sparse");
    }

    @Test
    void directoryAndMissingPath() throws Exception {
        ModelLoadException e = refused(dir);
        assertThat(e.problem()).isEqualTo(Problem.NOT_FOUND);
        assertThat(e).hasMessageContaining("is a folder");
        e = refused(dir.resolve("nope.onnx"));
        assertThat(e.problem()).isEqualTo(Problem.NOT_FOUND);
        assertThat(e).hasMessageContaining("no file at").hasMessageContaining("nope.onnx");
    }

    /** If → then_branch → If → ... deeper than the recursion limit: refused, not a StackOverflowError. */
    @Test
    void deeplyNestedSubgraphsAreRefused() throws Exception {
        ModelLoadException e = refused(nested(70));
        assertThat(e.problem()).isEqualTo(Problem.NOT_ONNX);
        assertThat(e).hasMessageContaining("nests deeper than 64");
        e = refused(hostileNesting(3000)); // would blow the stack of a naive recursive reader
        assertThat(e.problem()).isEqualTo(Problem.NOT_ONNX);
        assertThat(e).hasMessageContaining("nests deeper");
        // a modest If is fine
        assertThatCode(() -> new OnnxReader().read(nested(2).build().toByteArray())).doesNotThrowAnyException();
    }

    /** Graph→Node→Attribute→Graph... written byte by byte: protobuf-java cannot even serialise this deep. */
    static byte[] hostileNesting(int depth) throws Exception {
        byte[] graph = GraphProto.newBuilder().setName("leaf").build().toByteArray();
        for (int i = 0; i < depth; i++) {
            byte[] attr = concat(new byte[]{0x0A, 0x01, 'g', 0x32}, varint(graph.length), graph); // name, g (6)
            byte[] nodeBytes = concat(new byte[]{0x2A}, varint(attr.length), attr); // attribute (5)
            graph = concat(new byte[]{0x0A}, varint(nodeBytes.length), nodeBytes); // node (1)
        }
        byte[] opset = {0x42, 0x02, 0x10, 0x0D}; // opset_import { version: 13 }
        return concat(new byte[]{0x08, 0x08, 0x3A}, varint(graph.length), graph, opset);
    }

    private static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static ModelProto.Builder nested(int depth) {
        GraphProto inner = GraphProto.newBuilder().setName("leaf")
                .addNode(node("Identity", "leaf", List.of("x"), List.of("leaf_out")))
                .addOutput(valueInfo("leaf_out", TensorProto.DataType.FLOAT, 1, 4)).build();
        for (int i = 0; i < depth; i++) {
            inner = GraphProto.newBuilder().setName("level" + i)
                    .addNode(NodeProto.newBuilder().setOpType("If").setName("if" + i).addInput("cond")
                            .addOutput("o" + i).addAttribute(graphAttr("then_branch", inner))
                            .addAttribute(graphAttr("else_branch", GraphProto.newBuilder().setName("e")
                                    .addNode(node("Identity", "e", List.of("x"), List.of("e_out")))
                                    .addOutput(valueInfo("e_out", TensorProto.DataType.FLOAT, 1, 4)).build())))
                    .addOutput(valueInfo("o" + i, TensorProto.DataType.FLOAT, 1, 4)).build();
        }
        GraphProto.Builder g = inner.toBuilder().setName("main")
                .addInput(valueInfo("x", TensorProto.DataType.FLOAT, 1, 4))
                .addInput(valueInfo("cond", TensorProto.DataType.BOOL));
        return model(g, 8, 13);
    }

    /** Byte flips and truncations of a valid model: each loads or is refused with a ModelLoadException. */
    @Test
    void fuzzedModelsLoadOrAreRefusedCleanly() throws Exception {
        byte[] original = classifier(21, WeightStyle.INITIALIZER_RAW).build().toByteArray();
        byte[] constNodes = classifier(22, WeightStyle.CONSTANT_NODES).build().toByteArray();
        Random r = new Random(2024);
        int loaded = 0;
        int refused = 0;
        for (int i = 0; i < 200; i++) {
            byte[] b = (i % 2 == 0 ? original : constNodes).clone();
            switch (r.nextInt(4)) {
                case 0 -> { // flip a few bytes, biased toward the structure at the start
                    int flips = 1 + r.nextInt(8);
                    for (int k = 0; k < flips; k++) {
                        int pos = r.nextBoolean() ? r.nextInt(Math.min(b.length, 400)) : r.nextInt(b.length);
                        b[pos] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length));
                case 2 -> { // overwrite a run with random bytes
                    int pos = r.nextInt(b.length);
                    int len = Math.min(b.length - pos, 1 + r.nextInt(32));
                    byte[] junk = new byte[len];
                    r.nextBytes(junk);
                    System.arraycopy(junk, 0, b, pos, len);
                }
                default -> { // set a random byte to a varint-ish extreme
                    b[r.nextInt(b.length)] = (byte) (r.nextBoolean() ? 0xFF : 0x00);
                }
            }
            byte[] mutated = b;
            try {
                new OnnxReader().read(mutated).model();
                loaded++;
            } catch (ModelLoadException e) {
                assertThat(e.getMessage()).isNotBlank();
                assertThat(e.problem()).isNotNull();
                refused++;
            } catch (Throwable t) {
                fail("mutation #" + i + " escaped as " + t, t);
            }
        }
        assertThat(loaded + refused).isEqualTo(200);
        assertThat(refused).isPositive();
    }
}
