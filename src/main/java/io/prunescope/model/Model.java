package io.prunescope.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An ONNX model as PruneScope understands it: the graph plus what the file says about itself.
 * <p>
 * The file's SHA-256 may still be being computed when the model is handed out: hashing ResNet-50's 100 MB takes as
 * long as reading it, and nothing needs the digest until a plan is tied to the model, so the reader does not wait
 * for it (issue 13). {@link #sha256()} waits for it; call it off the FX thread first ({@code LoadTask} does).
 */
public final class Model {

    private final Path source;
    private final Supplier<String> sha256;
    private volatile String sha256Value;
    private final long fileSize;
    private final long irVersion;
    private final Map<String, Long> opsets;
    private final String producerName;
    private final String producerVersion;
    private final String docString;
    private final Map<String, String> metadata;
    private final Graph graph;

    /**
     * @param source   the file it was read from (null for models built in memory)
     * @param sha256   hex digest of the file's bytes, used to tie a plan and its exports to this exact model
     * @param opsets   opset version per domain ("" is the default ai.onnx domain)
     * @param metadata {@code metadata_props}
     */
    public Model(Path source, String sha256, long fileSize, long irVersion, Map<String, Long> opsets,
                 String producerName, String producerVersion, String docString, Map<String, String> metadata,
                 Graph graph) {
        this(source, () -> sha256, fileSize, irVersion, opsets, producerName,
                producerVersion, docString, metadata, graph);
    }

    /**
     * As above with the digest given by a supplier (a computation running elsewhere, or one to run on first use),
     * asked once.
     */
    public Model(Path source, Supplier<String> sha256, long fileSize, long irVersion,
                 Map<String, Long> opsets, String producerName, String producerVersion, String docString,
                 Map<String, String> metadata, Graph graph) {
        this.source = source;
        this.sha256 = Objects.requireNonNull(sha256);
        this.fileSize = fileSize;
        this.irVersion = irVersion;
        this.opsets = Collections.unmodifiableMap(new LinkedHashMap<>(opsets));
        this.producerName = producerName;
        this.producerVersion = producerVersion;
        this.docString = docString;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.graph = graph;
    }

    public Path source() {
        return source;
    }

    /** Hex digest of the file's bytes; waits if it is still being computed. */
    public String sha256() {
        String v = sha256Value;
        if (v == null) {
            synchronized (this) {
                v = sha256Value;
                if (v == null) {
                    v = sha256.get();
                    sha256Value = v;
                }
            }
        }
        return v;
    }

    public long fileSize() {
        return fileSize;
    }

    public long irVersion() {
        return irVersion;
    }

    public Map<String, Long> opsets() {
        return opsets;
    }

    public String producerName() {
        return producerName;
    }

    public String producerVersion() {
        return producerVersion;
    }

    public String docString() {
        return docString;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public Graph graph() {
        return graph;
    }

    /** Opset of the default domain. */
    public long opset() {
        Long v = opsets.get("");
        if (v == null) {
            v = opsets.get("ai.onnx");
        }
        return v == null ? -1 : v;
    }

    public String displayName() {
        return source == null ? graph.name() : source.getFileName().toString();
    }

    @Override
    public String toString() {
        return "Model[" + displayName() + ", " + graph.nodes().size() + " nodes]";
    }
}
