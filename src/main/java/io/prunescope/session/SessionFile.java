package io.prunescope.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prunescope.files.AtomicFiles;
import io.prunescope.prune.PlanJson;
import io.prunescope.prune.PruningPlan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A saved session: which model, with which input sizes, the plan, and the plans kept for comparison (optional
 * {@code "kept"} array of {@code {name, plan}}; older sessions have none). Format {@code prunescope-session/1}; the
 * plans are embedded in their own format so a session's plan can also be exported alone.
 */
public record SessionFile(Path model, Map<String, long[]> inputShapes, PruningPlan plan, List<PlanSnapshot> kept) {

    public SessionFile {
        kept = kept == null ? List.of() : List.copyOf(kept);
    }

    public SessionFile(Path model, Map<String, long[]> inputShapes, PruningPlan plan) {
        this(model, inputShapes, plan, List.of());
    }

    public static final String FORMAT = "prunescope-session/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path target) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("model", model.toAbsolutePath().toString());
        ObjectNode shapes = root.putObject("inputShapes");
        inputShapes.forEach((k, v) -> {
            var a = shapes.putArray(k);
            for (long d : v) {
                a.add(d);
            }
        });
        root.set("plan", MAPPER.readTree(PlanJson.toJson(plan, null, null)));
        if (!kept.isEmpty()) {
            var array = root.putArray("kept");
            for (PlanSnapshot s : kept) {
                ObjectNode entry = array.addObject();
                entry.put("name", s.name());
                entry.set("plan", MAPPER.readTree(PlanJson.toJson(s.plan(), null, null)));
            }
        }
        AtomicFiles.write(target, MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
    }

    public static SessionFile read(Path source) throws IOException {
        if (!Files.isRegularFile(source)) {
            throw new IOException("no session file at " + source.toAbsolutePath());
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(source, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(source.getFileName() + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(source.getFileName() + " is not a PruneScope session");
        }
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.path("inputShapes").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            long[] dims = new long[e.getValue().size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = e.getValue().get(i).asLong();
            }
            shapes.put(e.getKey(), dims);
        }
        PruningPlan plan = PlanJson.fromJson(MAPPER.writeValueAsString(root.path("plan")));
        List<PlanSnapshot> kept = new ArrayList<>();
        for (JsonNode entry : root.path("kept")) {
            kept.add(new PlanSnapshot(entry.path("name").asText(),
                    PlanJson.fromJson(MAPPER.writeValueAsString(entry.path("plan")))));
        }
        return new SessionFile(Path.of(root.path("model").asText()), shapes, plan, kept);
    }
}
