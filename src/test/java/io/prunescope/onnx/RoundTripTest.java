package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.prunescope.model.DataType;
import io.prunescope.model.Dim;
import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.ValueInfo;
import io.prunescope.onnx.TestModels.WeightStyle;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static io.prunescope.onnx.TestModels.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** DESIGN §6 oracle 1: load, then save with no edit: nothing is lost, ONNX Runtime gives the same bits. */
class RoundTripTest {

    @TempDir
    Path dir;

    static final int UNKNOWN_FIELD = 4242;

    /** The classifier dressed up with everything a writer could lose. */
    static ModelProto.Builder decorated(WeightStyle style) {
        ModelProto.Builder m = classifier(77, style);
        m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.microsoft").setVersion(1));
        m.setModelVersion(3).setDomain("io.prunescope.test");
        GraphProto.Builder g = m.getGraphBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            g.getNodeBuilder(i).setDocString("node doc " + i);
        }
        g.setInput(0, g.getInput(0).toBuilder().setDocString("an image batch").build());
        if (g.getInitializerCount() > 0) {
            g.getInitializerBuilder(0).setDocString("first weight");
        }
        m.addMetadataProps(meta("zeta", "last")).addMetadataProps(meta("alpha", "ü 日本"));
        m.setUnknownFields(UnknownFieldSet.newBuilder()
                .addField(UNKNOWN_FIELD, UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(ByteString.copyFromUtf8("future ONNX field")).addVarint(7).build())
                .build());
        g.setUnknownFields(UnknownFieldSet.newBuilder().addField(UNKNOWN_FIELD + 1,
                UnknownFieldSet.Field.newBuilder().addFixed32(0xCAFE).build()).build());
        return m;
    }

    @ParameterizedTest
    @EnumSource(WeightStyle.class)
    void emptyEditKeepsEverything(WeightStyle style) throws Exception {
        Path src = dir.resolve("in.onnx");
        byte[] original = decorated(style).build().toByteArray();
        Files.write(src, original);
        OnnxDocument doc = new OnnxReader().read(src);
        Path out = dir.resolve("out.onnx");
        new OnnxWriter().write(doc, new ModelEdit(), out);
        assertLossless(original, Files.readAllBytes(out));
        ModelProto written = ModelProto.parseFrom(Files.readAllBytes(out));
        assertThat(written.getUnknownFields().hasField(UNKNOWN_FIELD)).isTrue();
        assertThat(written.getUnknownFields().getField(UNKNOWN_FIELD).getLengthDelimitedList())
                .containsExactly(ByteString.copyFromUtf8("future ONNX field"));
        assertThat(written.getGraph().getUnknownFields().getField(UNKNOWN_FIELD + 1).getFixed32List())
                .containsExactly(0xCAFE);
        assertThat(Files.readAllBytes(out)).isEqualTo(original); // nothing to change: the very same bytes
        Map<String, long[]> shapes = Map.of(INPUT, new long[]{1, CIN, HW, HW});
        assertSameOutputs(original, Files.readAllBytes(out), shapes);
    }

    @ParameterizedTest
    @EnumSource(WeightStyle.class)
    void anEditKeepsEverythingItDoesNotName(WeightStyle style) throws Exception {
        byte[] original = decorated(style).build().toByteArray();
        OnnxDocument doc = new OnnxReader().read(original);
        byte[] out = new OnnxWriter().toBytes(doc, new ModelEdit().putMetadata("prunescope.version", "0.1"));
        ModelProto a = ModelProto.parseFrom(original);
        ModelProto b = ModelProto.parseFrom(out);
        assertThat(b.getUnknownFields()).isEqualTo(a.getUnknownFields());
        assertThat(b.getGraph()).isEqualTo(a.getGraph());
        assertThat(b.getMetadataPropsList()).startsWith(a.getMetadataPropsList().toArray(new
                ai.onnx.proto.OnnxMl.StringStringEntryProto[0]));
        assertThat(b.getMetadataPropsList()).contains(meta("prunescope.version", "0.1"));
        assertSameOutputs(original, out, Map.of(INPUT, new long[]{1, CIN, HW, HW}));
    }

    /** Same nodes, initializer bytes, metadata, doc strings, opsets, unknown fields. */
    static void assertLossless(byte[] originalBytes, byte[] writtenBytes) throws Exception {
        ModelProto a = ModelProto.parseFrom(originalBytes);
        ModelProto b = ModelProto.parseFrom(writtenBytes);
        assertThat(b.getGraph().getNodeList()).isEqualTo(a.getGraph().getNodeList());
        assertThat(b.getGraph().getInitializerCount()).isEqualTo(a.getGraph().getInitializerCount());
        for (int i = 0; i < a.getGraph().getInitializerCount(); i++) {
            TensorProto ta = a.getGraph().getInitializer(i);
            TensorProto tb = b.getGraph().getInitializer(i);
            assertThat(tb.getName()).isEqualTo(ta.getName());
            assertThat(tb.getDimsList()).isEqualTo(ta.getDimsList());
            assertThat(tb.getRawData()).as(ta.getName()).isEqualTo(ta.getRawData());
            assertThat(tb).isEqualTo(ta);
        }
        assertThat(b.getMetadataPropsList()).isEqualTo(a.getMetadataPropsList());
        assertThat(b.getDocString()).isEqualTo(a.getDocString());
        assertThat(b.getGraph().getDocString()).isEqualTo(a.getGraph().getDocString());
        assertThat(b.getOpsetImportList()).isEqualTo(a.getOpsetImportList());
        assertThat(b.getIrVersion()).isEqualTo(a.getIrVersion());
        assertThat(b.getProducerName()).isEqualTo(a.getProducerName());
        assertThat(b.getGraph().getInputList()).isEqualTo(a.getGraph().getInputList());
        assertThat(b.getGraph().getOutputList()).isEqualTo(a.getGraph().getOutputList());
        assertThat(b.getGraph().getValueInfoList()).isEqualTo(a.getGraph().getValueInfoList());
        assertThat(b.getFunctionsList()).isEqualTo(a.getFunctionsList());
        assertThat(b.getUnknownFields()).isEqualTo(a.getUnknownFields());
        assertThat(b).isEqualTo(a);
    }

    static void assertSameOutputs(byte[] a, byte[] b, Map<String, long[]> shapes) throws Exception {
        Map<String, float[]> in = randomInput(99, shapes);
        Map<String, float[]> ra = run(a, shapes, in, null);
        Map<String, float[]> rb = run(b, shapes, in, null);
        assertThat(rb.keySet()).containsExactlyElementsOf(ra.keySet());
        for (String k : ra.keySet()) {
            float[] x = ra.get(k);
            float[] y = rb.get(k);
            assertThat(y.length).isEqualTo(x.length);
            for (int i = 0; i < x.length; i++) {
                assertThat(Float.floatToRawIntBits(y[i])).as("%s[%d]", k, i).isEqualTo(Float.floatToRawIntBits(x[i]));
            }
        }
    }

    // ---------------------------------------------------------------- committed models (when present)

    static Stream<String> committedModels() throws Exception {
        List<String> paths = new java.util.ArrayList<>(List.of("assets/models/fashion-resnet.onnx",
                "src/test/resources/fixtures/yolov5n-random.onnx"));
        Path fixtures = Path.of("src/test/resources/fixtures");
        if (Files.isDirectory(fixtures)) {
            try (Stream<Path> s = Files.list(fixtures)) {
                s.filter(p -> p.getFileName().toString().endsWith(".onnx.gz")).sorted()
                        .forEach(p -> paths.add(p.toString()));
            }
        }
        return paths.stream();
    }

    @ParameterizedTest
    @MethodSource("committedModels")
    void committedModelsRoundTrip(String relative) throws Exception {
        Path src = Path.of(relative);
        assumeTrue(Files.isRegularFile(src), relative + " is not in this checkout yet");
        OnnxDocument doc = new OnnxReader().read(src);
        Path out = dir.resolve("roundtrip.onnx");
        new OnnxWriter().write(doc, new ModelEdit(), out);
        byte[] original = plainBytes(src);
        byte[] written = Files.readAllBytes(out);
        assertLossless(original, written);
        Model m = doc.model();
        assumeTrue(m.graph().inputs().stream().allMatch(v -> v.type() != null
                && v.type().elementType() == DataType.FLOAT), "ORT check needs float inputs");
        assertSameOutputs(original, written, bind(m));
    }

    /** Concrete input shapes: the model's defaults, and 64 for any spatial symbol nobody set. */
    static Map<String, long[]> bind(Model m) {
        InputBindings b = InputBindings.none();
        for (ValueInfo in : m.graph().inputs()) {
            for (Dim d : in.type().shape().dims()) {
                if (d.isSymbolic()) {
                    b = b.withSymbol(d.symbol(), d.symbol().toLowerCase().contains("batch") ? 1 : 64);
                }
            }
        }
        try {
            return InputBindings.none().resolve(m);
        } catch (InputBindings.UnboundDimensionsException e) {
            return b.resolve(m);
        }
    }

    static byte[] plainBytes(Path p) throws Exception {
        byte[] b = Files.readAllBytes(p);
        if (b.length > 2 && b[0] == (byte) 0x1f && b[1] == (byte) 0x8b) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(b))) {
                return in.readAllBytes();
            }
        }
        return b;
    }

    static Map<String, long[]> orderedCopy(Map<String, long[]> m) {
        return new LinkedHashMap<>(m);
    }
}
