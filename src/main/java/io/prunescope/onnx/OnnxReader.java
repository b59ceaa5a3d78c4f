package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
import io.prunescope.model.Graph;
import io.prunescope.model.Model;
import io.prunescope.onnx.ModelLoadException.Problem;
import io.prunescope.task.Steps;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
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
    /** Enough reads of the warm-up model for the JIT to compile the per-node paths (measured: 3 → 30 ms less). */
    private static final int WARM_UP_READS = 3;

    private final ReadLimits limits;
    /** False for a read that only checks a file (the writer's read-back): its digest is computed only if asked. */
    private final boolean hashInBackground;

    public OnnxReader() {
        this(ReadLimits.DEFAULT);
    }

    public OnnxReader(ReadLimits limits) {
        this(limits, true);
    }

    private OnnxReader(ReadLimits limits, boolean hashInBackground) {
        this.limits = limits;
        this.hashInBackground = hashInBackground;
    }

    /**
     * Loads and links the reader's code (the protobuf descriptors of ONNX, the generated parsers, the graph builder and
     * the checks) by reading a one-convolution model held in memory. In a fresh process that is most of the first
     * load's time (yolov5s: about 200 of 260 ms CPU, issue 13), and none of it depends on the file: the workbench runs
     * this on a thread of its own while JavaFX starts, so the model the person opens is read by loaded code.
     */
    public static void warmUp() {
        try {
            byte[] model = WarmUpModel.bytes();
            for (int i = 0; i < WARM_UP_READS; i++) {
                new OnnxReader().read(model).model().graph().nodes().size();
            }
            // the finite scan runs once per weight tensor: called a few hundred times it is compiled before the
            // first real model's 28 MB of weights go through it (else it starts in the interpreter: ~15 ms more)
            ByteBuffer weights = ByteBuffer.allocate(1 << 12);
            for (int i = 0; i < 500; i++) {
                WeightChecks.firstNonFiniteFloat32(weights);
            }
        } catch (ModelLoadException e) {
            throw new IllegalStateException("the warm-up model does not read: " + e.getMessage(), e);
        }
    }

    /** A reader for checking that a written file reads back: no background hash nobody will ask for. */
    static OnnxReader forReadBack() {
        return new OnnxReader(ReadLimits.DEFAULT, false);
    }

    public OnnxDocument read(Path path) throws ModelLoadException {
        return read(path, Steps.NONE);
    }

    /** {@link #read(Path)}, telling {@code steps} when each step has finished ({@code bench load} times them). */
    public OnnxDocument read(Path path, Steps steps) throws ModelLoadException {
        if (!Files.exists(path)) {
            throw new ModelLoadException(Problem.NOT_FOUND, "no file at " + path.toAbsolutePath());
        }
        if (Files.isDirectory(path)) {
            throw new ModelLoadException(Problem.NOT_FOUND, path + " is a folder, not an ONNX file");
        }
        if (!Files.isRegularFile(path)) {
            // A FIFO would block the reader and a device has no size: neither is a model file.
            throw new ModelLoadException(Problem.WRONG_FORMAT, path + " is not a regular file (a pipe, device or"
                    + " socket); give the .onnx file itself");
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
            // Read once into an array of our own, which the parsed tensors alias. Not a mapping they alias: the model
            // stays open for hours, and another program (torch.onnx.export writes in place) may rewrite or truncate
            // the file meanwhile; a mapping would then change the weights under us, or crash the JVM.
            buffer = ByteBuffer.wrap(FileBytes.read(path, size));
        } catch (IOException e) {
            throw new ModelLoadException(Problem.NOT_READABLE, "cannot read " + path + ": " + e.getMessage(), e);
        }
        steps.finished("read");
        boolean gzip = isGzip(buffer);
        ByteBuffer parsed = gzip ? ByteBuffer.wrap(gunzip(buffer, path)) : buffer;
        Path dir = path.toAbsolutePath().getParent();
        // The array read from the file and the unpacked array are ours and never change: the tensors may alias them.
        BackgroundDigest sha = new BackgroundDigest(buffer);
        OnnxDocument doc = parse(parsed, true, path.toAbsolutePath(), dir, sha, size, steps);
        if (hashInBackground) {
            sha.start();
        }
        return doc;
    }

    /** Reads a model held in memory; external data is then refused, having no folder to come from. */
    public OnnxDocument read(byte[] bytes) throws ModelLoadException {
        if (bytes.length == 0) {
            throw new ModelLoadException(Problem.EMPTY, "the model is empty (0 bytes)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        // The caller keeps the array: its tensors are copied out. The hash is computed only when asked for.
        return parse(buffer, false, null, null, () -> sha256(buffer), bytes.length, Steps.NONE);
    }

    private OnnxDocument parse(ByteBuffer bytes, boolean alias, Path source, Path dir, Supplier<String> sha,
                               long fileSize, Steps steps)
            throws ModelLoadException {
        try {
            return parseChecked(bytes, alias, source, dir, sha, fileSize, steps);
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

    private OnnxDocument parseChecked(ByteBuffer bytes, boolean alias, Path source, Path dir, Supplier<String> sha,
                                      long fileSize, Steps steps)
            throws ModelLoadException {
        checkMagic(bytes);
        ModelProto proto = parseProto(bytes, alias);
        checkVersions(proto);
        steps.finished("parse");
        ExternalData external = new ExternalData(dir, source);
        Graph graph = new GraphBuilder(proto.getGraph(), new TensorDecoder(limits, external), limits)
                .build();
        steps.finished("graph");
        new WeightChecks(graph).run();
        steps.finished("checks");
        Model model = new Model(source, sha, fileSize, proto.getIrVersion(), opsets(proto),
                proto.getProducerName(), proto.getProducerVersion(), proto.getDocString(), metadata(proto), graph);
        return new OnnxDocument(model, proto, external.filesRead());
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

    private ModelProto parseProto(ByteBuffer bytes, boolean alias) throws ModelLoadException {
        // CodedInputStream.newInstance(ByteBuffer) treats the buffer as mutable and so copies every bytes field
        // (all raw_data: the whole file again) even with aliasing on; a ByteString wrapping the buffer is read as
        // immutable, and its byte fields become slices of the mapping (issue 13: load ≤ onnx.load).
        CodedInputStream in = alias ? UnsafeByteOperations.unsafeWrap(bytes.duplicate()).newCodedInput()
                : CodedInputStream.newInstance(bytes.duplicate());
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

    /**
     * Unpacks a gzip model, counting as it goes: the bound is checked on the bytes actually produced, never on the
     * size the gzip trailer claims (a hostile file can lie there).
     */
    private byte[] gunzip(ByteBuffer bytes, Path path) throws ModelLoadException {
        long limit = Math.min(limits.maxUnpackedBytes(), limits.maxFileBytes());
        try (InputStream in = new GZIPInputStream(new ByteBufferInputStream(bytes.duplicate()), 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit,
                    Math.min(1L << 26, bytes.remaining() * 4L)));
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) {
                if (out.size() + (long) r > limit) {
                    throw new ModelLoadException(Problem.TOO_LARGE, path.getFileName() + " unpacks to more than "
                            + String.format(java.util.Locale.ROOT, "%,d", limit) + " bytes, the most PruneScope"
                            + " unpacks from a compressed model (a quarter of the Java heap, at most 2 GiB);"
                            + " refusing it. If it is a real model, unpack it yourself and open the .onnx");
                }
                out.write(buf, 0, r);
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
}
