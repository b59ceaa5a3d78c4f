package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.prunescope.model.Attribute;
import io.prunescope.model.DataType;
import io.prunescope.model.Dim;
import io.prunescope.model.Graph;
import io.prunescope.model.Model;
import io.prunescope.model.Node;
import io.prunescope.model.Shape;
import io.prunescope.model.Tensor;
import io.prunescope.model.TensorType;
import io.prunescope.model.ValueInfo;
import io.prunescope.model.WeightSource;
import io.prunescope.onnx.ModelLoadException.Problem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads an ONNX file into a {@link Model}, refusing anything broken or hostile with a message that says what is
 * wrong (DESIGN §8): sizes are checked before memory is spent, protobuf nesting is bounded, tensors must hold
 * exactly the bytes their shape declares, every node input must exist and the graph must be acyclic.
 * A gzip-compressed model ({@code .onnx.gz}) is read transparently.
 */
public final class OnnxReader {

    /** IR versions this build understands: up to IR 10 (ONNX 1.16/1.17). */
    public static final long MAX_IR_VERSION = 10;
    public static final long MIN_OPSET = 7;
    public static final long MAX_OPSET = 22;

    private final ReadLimits limits;

    public OnnxReader() {
        this(ReadLimits.DEFAULT);
    }

    public OnnxReader(ReadLimits limits) {
        this.limits = limits;
    }

    public OnnxDocument read(Path path) throws ModelLoadException {
        if (!Files.exists(path)) {
            throw new ModelLoadException(Problem.NOT_FOUND, "no file at " + path.toAbsolutePath());
        }
        if (Files.isDirectory(path)) {
            throw new ModelLoadException(Problem.NOT_FOUND, path + " is a folder, not an ONNX file");
        }
        if (!Files.isReadable(path)) {
            throw new ModelLoadException(Problem.NOT_READABLE, "cannot read " + path + ": permission denied");
        }
        long size;
        ByteBuffer buffer;
        try {
            size = Files.size(path);
            if (size == 0) {
                throw new ModelLoadException(Problem.EMPTY, path.getFileName() + " is empty (0 bytes)");
            }
            if (size > limits.maxFileBytes()) {
                throw new ModelLoadException(Problem.TOO_LARGE, path.getFileName() + " is " + size
                        + " bytes; an ONNX file larger than " + limits.maxFileBytes()
                        + " bytes must keep its weights in external data");
            }
            // Mapped, not copied: weights stay in the page cache and the parsed tensors alias them. Exports
            // replace files by renaming, so a mapped model never changes under the reader.
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                buffer = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            }
        } catch (IOException e) {
            throw new ModelLoadException(Problem.NOT_READABLE, "cannot read " + path + ": " + e.getMessage(), e);
        }
        // Hashing a large file takes as long as parsing it: do both at once.
        ByteBuffer raw = buffer;
        java.util.concurrent.CompletableFuture<String> sha =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> sha256(raw));
        if (isGzip(buffer)) {
            buffer = ByteBuffer.wrap(gunzip(buffer, path));
        }
        Path dir = path.toAbsolutePath().getParent();
        return parse(buffer, path.toAbsolutePath(), dir, sha::join, size);
    }

    /** Reads a model held in memory; external data is then refused, having no folder to come from. */
    public OnnxDocument read(byte[] bytes) throws ModelLoadException {
        if (bytes.length == 0) {
            throw new ModelLoadException(Problem.EMPTY, "the model is empty (0 bytes)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return parse(buffer, null, null, () -> sha256(buffer), bytes.length);
    }

    private OnnxDocument parse(ByteBuffer bytes, Path source, Path dir, java.util.function.Supplier<String> sha,
                               long fileSize)
            throws ModelLoadException {
        try {
            return parseChecked(bytes, source, dir, sha, fileSize);
        } catch (ModelLoadException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new ModelLoadException(Problem.NOT_ONNX, "the model is nested too deeply to read safely; refusing"
                    + " it", e);
        } catch (OutOfMemoryError e) {
            throw new ModelLoadException(Problem.TOO_LARGE, "the model needs more memory than is available"
                    + " (" + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Anything the checks above did not foresee: a damaged file must never surface as a crash.
            throw new ModelLoadException(Problem.NOT_ONNX, "the file is damaged or not a valid ONNX model ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    private OnnxDocument parseChecked(ByteBuffer bytes, Path source, Path dir, java.util.function.Supplier<String> sha,
                                      long fileSize)
            throws ModelLoadException {
        checkMagic(bytes);
        ModelProto proto = parseProto(bytes);
        checkVersions(proto);
        Graph graph = new GraphBuilder(proto.getGraph(), new TensorDecoder(limits, new ExternalData(dir)), limits)
                .build();
        Model model = new Model(source, sha.get(), fileSize, proto.getIrVersion(), opsets(proto),
                proto.getProducerName(), proto.getProducerVersion(), proto.getDocString(), metadata(proto), graph);
        return new OnnxDocument(model, proto);
    }

    private static void checkMagic(ByteBuffer buf) throws ModelLoadException {
        byte[] b = new byte[(int) Math.min(8, buf.remaining())];
        buf.duplicate().get(b);
        if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 || b[2] == 5) && (b[3] == 4 || b[3] == 6)) {
            throw new ModelLoadException(Problem.WRONG_FORMAT, "this is a ZIP archive, not an ONNX model"
                    + " (perhaps a PyTorch checkpoint or a zipped model): unzip it or export to ONNX first");
        }
        if (b.length >= 8 && b[0] == (byte) 0x89 && b[1] == 'H' && b[2] == 'D' && b[3] == 'F') {
            throw new ModelLoadException(Problem.WRONG_FORMAT, "this is an HDF5 file (a Keras model?), not ONNX");
        }
    }

    private ModelProto parseProto(ByteBuffer bytes) throws ModelLoadException {
        CodedInputStream in = CodedInputStream.newInstance(bytes.duplicate());
        in.setRecursionLimit(limits.recursionLimit());
        in.setSizeLimit(Integer.MAX_VALUE);
        in.enableAliasing(true);
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(in);
            in.checkLastTagWas(0);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            if (msg.contains("truncated") || msg.contains("ended unexpectedly")) {
                throw new ModelLoadException(Problem.TRUNCATED, "the file ends in the middle of the model: it was"
                        + " probably cut short while copying or downloading", e);
            }
            if (msg.contains("too many levels of nesting")) {
                throw new ModelLoadException(Problem.NOT_ONNX, "the model nests deeper than "
                        + limits.recursionLimit() + " levels; refusing it", e);
            }
            throw new ModelLoadException(Problem.NOT_ONNX, "this is not an ONNX model (the protobuf data is"
                    + " invalid: " + msg + ")", e);
        } catch (RuntimeException e) {
            throw new ModelLoadException(Problem.NOT_ONNX, "this is not an ONNX model (" + e + ")", e);
        }
        checkPlausible(proto, bytes.remaining());
        return proto;
    }

    /**
     * Protobuf is forgiving: many byte strings (random data, other formats) parse as a ModelProto full of unknown
     * fields. A real model has an IR version, a graph with something in it, an opset import, and most of its bytes
     * in fields ONNX defines.
     */
    private static void checkPlausible(ModelProto proto, int totalBytes) throws ModelLoadException {
        if (!proto.hasGraph()) {
            throw new ModelLoadException(Problem.NOT_ONNX, "this is not an ONNX model: it has no graph");
        }
        if (proto.getIrVersion() <= 0) {
            throw new ModelLoadException(Problem.NOT_ONNX, "this is not an ONNX model: it has no IR version");
        }
        GraphProto g = proto.getGraph();
        if (g.getNodeCount() == 0 && g.getOutputCount() == 0) {
            throw new ModelLoadException(Problem.NOT_ONNX, "this is not an ONNX model: its graph is empty"
                    + " (no nodes, no outputs)");
        }
        if (proto.getIrVersion() >= 3 && proto.getOpsetImportCount() == 0) {
            throw new ModelLoadException(Problem.NOT_ONNX, "this is not an ONNX model: it declares no opset"
                    + " (opset_import is empty)");
        }
        long unknown = proto.getUnknownFields().getSerializedSize() + g.getUnknownFields().getSerializedSize();
        for (NodeProto n : g.getNodeList()) {
            unknown += n.getUnknownFields().getSerializedSize();
        }
        if (unknown * 2 > totalBytes) {
            throw new ModelLoadException(Problem.NOT_ONNX, "this is not an ONNX model: most of its " + totalBytes
                    + " bytes (" + unknown + ") are in fields ONNX does not define");
        }
    }

    private static void checkVersions(ModelProto proto) throws ModelLoadException {
        if (proto.getIrVersion() > MAX_IR_VERSION || proto.getIrVersion() < 3) {
            throw new ModelLoadException(Problem.UNSUPPORTED_VERSION, "the model has ONNX IR version "
                    + proto.getIrVersion() + "; PruneScope reads IR versions 3 to " + MAX_IR_VERSION);
        }
        for (OperatorSetIdProto op : proto.getOpsetImportList()) {
            boolean standard = op.getDomain().isEmpty() || op.getDomain().equals("ai.onnx");
            if (standard && (op.getVersion() < MIN_OPSET || op.getVersion() > MAX_OPSET)) {
                throw new ModelLoadException(Problem.UNSUPPORTED_VERSION, "the model uses opset "
                        + op.getVersion() + "; PruneScope reads opsets " + MIN_OPSET + " to " + MAX_OPSET
                        + " (convert it with onnx.version_converter)");
            }
        }
    }

    private static Map<String, Long> opsets(ModelProto proto) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (OperatorSetIdProto op : proto.getOpsetImportList()) {
            out.put(op.getDomain().equals("ai.onnx") ? "" : op.getDomain(), op.getVersion());
        }
        return out;
    }

    private static Map<String, String> metadata(ModelProto proto) {
        Map<String, String> out = new LinkedHashMap<>();
        for (StringStringEntryProto e : proto.getMetadataPropsList()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static boolean isGzip(ByteBuffer b) {
        return b.remaining() > 2 && b.get(0) == (byte) 0x1f && b.get(1) == (byte) 0x8b;
    }

    private byte[] gunzip(ByteBuffer bytes, Path path) throws ModelLoadException {
        try (InputStream in = new GZIPInputStream(new ByteBufferInputStream(bytes.duplicate()))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8L, bytes.remaining() * 4L));
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) {
                out.write(buf, 0, r);
                if (out.size() > limits.maxFileBytes()) {
                    throw new ModelLoadException(Problem.TOO_LARGE, path.getFileName()
                            + " decompresses to more than " + limits.maxFileBytes() + " bytes");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ModelLoadException(Problem.TRUNCATED, path.getFileName() + " is a damaged gzip file: "
                    + e.getMessage(), e);
        }
    }

    static String sha256(ByteBuffer bytes) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(bytes.duplicate());
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds the immutable graph and checks its structure. */
    private static final class GraphBuilder {
        private final GraphProto g;
        private final TensorDecoder decoder;
        private final ReadLimits limits;

        GraphBuilder(GraphProto g, TensorDecoder decoder, ReadLimits limits) {
            this.g = g;
            this.decoder = decoder;
            this.limits = limits;
        }

        Graph build() throws ModelLoadException {
            if (g.getSparseInitializerCount() > 0) {
                throw new ModelLoadException(Problem.UNSUPPORTED, "the model has sparse initializers, which"
                        + " PruneScope does not read yet");
            }
            Map<String, Tensor> constants = new LinkedHashMap<>();
            Map<String, WeightSource> sources = new HashMap<>();
            for (TensorProto t : g.getInitializerList()) {
                constants.put(t.getName(), decoder.decode(t, t.getName()));
                sources.put(t.getName(), WeightSource.INITIALIZER);
            }
            List<ValueInfo> inputs = new ArrayList<>();
            for (ValueInfoProto v : g.getInputList()) {
                if (!constants.containsKey(v.getName())) {
                    inputs.add(valueInfo(v));
                }
            }
            List<ValueInfo> outputs = new ArrayList<>();
            for (ValueInfoProto v : g.getOutputList()) {
                outputs.add(valueInfo(v));
            }
            Map<String, ValueInfo> valueInfos = new LinkedHashMap<>();
            for (ValueInfoProto v : g.getValueInfoList()) {
                valueInfos.put(v.getName(), valueInfo(v));
            }
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < g.getNodeCount(); i++) {
                NodeProto np = g.getNode(i);
                Node node = node(i, np);
                nodes.add(node);
                if (isConstantNode(node)) {
                    Tensor value = constantValue(np, node);
                    if (value != null) {
                        constants.put(node.output(0), value);
                        sources.put(node.output(0), WeightSource.CONSTANT_NODE);
                    }
                }
            }
            List<Node> sorted = topologicalOrder(nodes, inputs, constants.keySet());
            Set<String> produced = new HashSet<>(constants.keySet());
            inputs.forEach(v -> produced.add(v.name()));
            nodes.forEach(n -> produced.addAll(n.outputs()));
            for (ValueInfo out : outputs) {
                if (!produced.contains(out.name())) {
                    throw new ModelLoadException(Problem.DANGLING_INPUT, "graph output '" + out.name()
                            + "' is not produced by any node, graph input or initializer");
                }
            }
            return new Graph(g.getName(), sorted, inputs, outputs, valueInfos, constants, sources);
        }

        private static boolean isConstantNode(Node n) {
            return n.opType().equals("Constant") && n.isStandardDomain() && n.outputs().size() == 1;
        }

        private Tensor constantValue(NodeProto np, Node node) throws ModelLoadException {
            String out = node.output(0);
            for (AttributeProto a : np.getAttributeList()) {
                switch (a.getName()) {
                    case "value":
                        return decoder.decode(a.getT(), out).renamed(out);
                    case "value_float":
                        return Tensor.ofFloats(out, new long[0], new float[]{a.getF()}, DataType.FLOAT);
                    case "value_floats": {
                        float[] v = new float[a.getFloatsCount()];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = a.getFloats(i);
                        }
                        return Tensor.ofFloats(out, new long[]{v.length}, v, DataType.FLOAT);
                    }
                    case "value_int":
                        return Tensor.ofLongs(out, new long[0], new long[]{a.getI()});
                    case "value_ints": {
                        long[] v = new long[a.getIntsCount()];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = a.getInts(i);
                        }
                        return Tensor.ofLongs(out, new long[]{v.length}, v);
                    }
                    default:
                        break;
                }
            }
            return null;
        }

        private Node node(int index, NodeProto np) throws ModelLoadException {
            Map<String, Attribute> attrs = new LinkedHashMap<>();
            for (AttributeProto a : np.getAttributeList()) {
                attrs.put(a.getName(), attribute(a, np));
            }
            return new Node(index, np.getName(), np.getOpType(), np.getDomain(), np.getInputList(),
                    np.getOutputList(), attrs);
        }

        private Attribute attribute(AttributeProto a, NodeProto owner) throws ModelLoadException {
            return switch (typeOf(a)) {
                case INT -> new Attribute.IntValue(a.getI());
                case FLOAT -> new Attribute.FloatValue(a.getF());
                case STRING -> new Attribute.StringValue(a.getS().toStringUtf8());
                case INTS -> new Attribute.IntList(a.getIntsList());
                case FLOATS -> new Attribute.FloatList(a.getFloatsList());
                case STRINGS -> new Attribute.StringList(a.getStringsList().stream()
                        .map(com.google.protobuf.ByteString::toStringUtf8).toList());
                case TENSOR -> new Attribute.TensorValue(decoder.decode(a.getT(),
                        owner.getName() + "." + a.getName()));
                case GRAPH -> new Attribute.Subgraph(a.getG().getNodeCount(), outerNames(a.getG()));
                case GRAPHS -> new Attribute.Subgraph(a.getGraphsCount(), a.getGraphsList().stream()
                        .flatMap(sub -> outerNames(sub).stream()).collect(java.util.stream.Collectors.toSet()));
                default -> new Attribute.Opaque(a.getType().name());
            };
        }

        /**
         * Names a subgraph (and the subgraphs nested in it) reads without defining them: its outer-scope inputs.
         * Whatever the subgraph defines itself (inputs, initializers, node outputs) is local.
         */
        private static Set<String> outerNames(GraphProto sub) {
            Set<String> local = new HashSet<>();
            sub.getInputList().forEach(v -> local.add(v.getName()));
            sub.getInitializerList().forEach(t -> local.add(t.getName()));
            sub.getNodeList().forEach(n -> local.addAll(n.getOutputList()));
            Set<String> outer = new java.util.TreeSet<>();
            for (NodeProto n : sub.getNodeList()) {
                for (String in : n.getInputList()) {
                    if (!in.isEmpty() && !local.contains(in)) {
                        outer.add(in);
                    }
                }
                for (AttributeProto a : n.getAttributeList()) {
                    List<GraphProto> nested = new ArrayList<>(a.getGraphsList());
                    if (a.hasG()) {
                        nested.add(a.getG());
                    }
                    for (GraphProto g2 : nested) {
                        outerNames(g2).stream().filter(x -> !local.contains(x)).forEach(outer::add);
                    }
                }
            }
            sub.getOutputList().stream().map(v -> v.getName()).filter(x -> !local.contains(x)).forEach(outer::add);
            return outer;
        }

        /** The declared type, or (for files from old exporters that left it out) the one field that is set. */
        private static AttributeProto.AttributeType typeOf(AttributeProto a) {
            if (a.getType() != AttributeProto.AttributeType.UNDEFINED) {
                return a.getType();
            }
            if (a.hasF()) {
                return AttributeProto.AttributeType.FLOAT;
            } else if (a.hasI()) {
                return AttributeProto.AttributeType.INT;
            } else if (a.hasS()) {
                return AttributeProto.AttributeType.STRING;
            } else if (a.hasT()) {
                return AttributeProto.AttributeType.TENSOR;
            } else if (a.hasG()) {
                return AttributeProto.AttributeType.GRAPH;
            } else if (a.getFloatsCount() > 0) {
                return AttributeProto.AttributeType.FLOATS;
            } else if (a.getIntsCount() > 0) {
                return AttributeProto.AttributeType.INTS;
            } else if (a.getStringsCount() > 0) {
                return AttributeProto.AttributeType.STRINGS;
            }
            return AttributeProto.AttributeType.UNDEFINED;
        }

        private ValueInfo valueInfo(ValueInfoProto v) throws ModelLoadException {
            TypeProto type = v.getType();
            if (!type.hasTensorType()) {
                return new ValueInfo(v.getName(), null);
            }
            TypeProto.Tensor tt = type.getTensorType();
            Shape shape = null;
            if (tt.hasShape()) {
                List<Dim> dims = new ArrayList<>();
                for (TensorShapeProto.Dimension d : tt.getShape().getDimList()) {
                    if (d.hasDimValue()) {
                        if (d.getDimValue() < 0) {
                            throw new ModelLoadException(Problem.BAD_TENSOR, "value '" + v.getName()
                                    + "' declares a negative dimension " + d.getDimValue());
                        }
                        dims.add(Dim.of(d.getDimValue()));
                    } else if (d.hasDimParam()) {
                        dims.add(Dim.symbolic(d.getDimParam()));
                    } else {
                        dims.add(Dim.UNKNOWN);
                    }
                }
                shape = new Shape(dims);
                long numel = shape.numel();
                if (numel > limits.maxTensorElements()) {
                    throw new ModelLoadException(Problem.TOO_LARGE, "value '" + v.getName() + "' declares shape "
                            + shape + " = " + numel + " elements, more than the " + limits.maxTensorElements()
                            + " PruneScope accepts for one tensor");
                }
            }
            return new ValueInfo(v.getName(), new TensorType(DataType.fromCode(tt.getElemType()), shape));
        }

        /** Kahn's algorithm; also reports inputs that nothing produces, duplicate writers and cycles. */
        private static List<Node> topologicalOrder(List<Node> nodes, List<ValueInfo> inputs, Set<String> constants)
                throws ModelLoadException {
            Map<String, Node> producer = new HashMap<>();
            for (Node n : nodes) {
                for (String out : n.outputs()) {
                    if (out.isEmpty()) {
                        continue;
                    }
                    Node previous = producer.put(out, n);
                    if (previous != null) {
                        throw new ModelLoadException(Problem.DUPLICATE_OUTPUT, "tensor '" + out + "' is written by"
                                + " two nodes: " + previous.displayName() + " and " + n.displayName());
                    }
                }
            }
            Set<String> available = new HashSet<>(constants);
            inputs.forEach(v -> available.add(v.name()));
            Map<Node, Integer> pending = new LinkedHashMap<>();
            Map<String, List<Node>> readers = new HashMap<>();
            for (Node n : nodes) {
                int count = 0;
                for (String in : new HashSet<>(n.inputs())) {
                    if (in.isEmpty() || available.contains(in)) {
                        continue;
                    }
                    if (!producer.containsKey(in)) {
                        throw new ModelLoadException(Problem.DANGLING_INPUT, "node '" + n.displayName() + "' ("
                                + n.opType() + ") reads tensor '" + in + "', which no node, graph input or"
                                + " initializer provides");
                    }
                    readers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                    count++;
                }
                pending.put(n, count);
            }
            java.util.ArrayDeque<Node> ready = new java.util.ArrayDeque<>();
            pending.forEach((n, c) -> {
                if (c == 0) {
                    ready.add(n);
                }
            });
            List<Node> order = new ArrayList<>(nodes.size());
            while (!ready.isEmpty()) {
                Node n = ready.poll();
                order.add(n);
                for (String out : n.outputs()) {
                    for (Node r : readers.getOrDefault(out, List.of())) {
                        int left = pending.merge(r, -1, Integer::sum);
                        if (left == 0) {
                            ready.add(r);
                        }
                    }
                }
            }
            if (order.size() != nodes.size()) {
                List<String> stuck = new ArrayList<>();
                pending.forEach((n, c) -> {
                    if (c > 0 && stuck.size() < 5) {
                        stuck.add(n.displayName());
                    }
                });
                throw new ModelLoadException(Problem.CYCLE, "the graph has a cycle: these nodes wait on each"
                        + " other's outputs: " + String.join(", ", stuck));
            }
            return order;
        }
    }
}
