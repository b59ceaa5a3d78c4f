package io.prunescope.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ONNX model as PruneScope understands it: the graph plus what the file says about itself.
 *
 * @param source      the file it was read from (null for models built in memory)
 * @param sha256      hex digest of the file's bytes, used to tie a plan and its exports to this exact model
 * @param opsets      opset version per domain ("" is the default ai.onnx domain)
 * @param metadata    {@code metadata_props}
 */
public record Model(Path source, String sha256, long fileSize, long irVersion, Map<String, Long> opsets,
                    String producerName, String producerVersion, String docString, Map<String, String> metadata,
                    Graph graph) {

    public Model {
        opsets = Collections.unmodifiableMap(new LinkedHashMap<>(opsets));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
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
}
