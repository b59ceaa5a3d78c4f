package io.prunescope.prune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.files.AtomicFiles;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The plan as JSON: settings to replay, plus (for the reader's benefit and for checking a replay) the channel
 * indices each layer loses. Format tag {@code prunescope-plan/1}.
 */
public final class PlanJson {

    public static final String FORMAT = "prunescope-plan/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    public static String toJson(PruningPlan plan, PruneEngine engine, PruneDecision decision) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode model = root.putObject("model");
        model.put("name", plan.modelName());
        model.put("sha256", plan.modelSha256());
        root.set("defaults", setting(plan.defaults()));
        root.put("roundTo", plan.roundTo());
        root.put("seed", plan.seed());
        ObjectNode layers = root.putObject("layers");
        plan.layers().forEach((k, v) -> layers.set(k, setting(v)));
        if (engine != null && decision != null) {
            ObjectNode result = root.putObject("result");
            for (PrunableLayer l : engine.layers()) {
                BitSet out = decision.removed(l.node().output(0));
                BitSet in = decision.removed(l.node().input(0));
                BitSet fine = decision.fineZeros().get(l.name());
                if (out.isEmpty() && in.isEmpty() && fine == null) {
                    continue;
                }
                ObjectNode r = result.putObject(l.name());
                r.put("outputUnits", l.outputUnits());
                r.set("removedOutputs", indices(out));
                r.set("removedInputs", indices(in));
                if (fine != null) {
                    r.put("zeroedWeights", fine.cardinality());
                }
            }
            root.put("digest", digest(plan));
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(Path path, PruningPlan plan, PruneEngine engine, PruneDecision decision)
            throws IOException {
        AtomicFiles.write(path, toJson(plan, engine, decision).getBytes(StandardCharsets.UTF_8));
    }

    /** Plans are a few kilobytes per layer; anything much larger is not a plan. */
    static final long MAX_PLAN_BYTES = 64L << 20;

    public static PruningPlan read(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("no plan file at " + path.toAbsolutePath());
        }
        if (!Files.isRegularFile(path)) {
            throw new PlanException(path + " is not a plan file (it is a folder, pipe or device)");
        }
        if (Files.size(path) > MAX_PLAN_BYTES) {
            throw new PlanException(path + " is " + Files.size(path) + " bytes, too large for a plan (a plan is JSON"
                    + " text of at most " + MAX_PLAN_BYTES + " bytes)");
        }
        byte[] bytes = Files.readAllBytes(path);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new PlanException(path + " is not a plan: it is a binary file, not JSON text (an .onnx model"
                    + " given as --plan?)");
        }
        if (text.indexOf('\0') >= 0) {
            throw new PlanException(path + " is not a plan: it is a binary file, not JSON text (an .onnx model"
                    + " given as --plan?)");
        }
        return fromJson(text);
    }

    public static PruningPlan fromJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new PlanException("the plan is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new PlanException("not a PruneScope plan (expected \"format\": \"" + FORMAT + "\")");
        }
        LayerSetting defaults = setting(root.path("defaults"), "defaults");
        Map<String, LayerSetting> layers = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.path("layers").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            layers.put(e.getKey(), setting(e.getValue(), "layer '" + e.getKey() + "'"));
        }
        JsonNode model = root.path("model");
        return new PruningPlan(model.path("sha256").isTextual() ? model.path("sha256").asText() : null,
                model.path("name").asText(null), defaults, layers, root.path("roundTo").asInt(1),
                root.path("seed").asLong(0));
    }

    /** A short digest of the settings, recorded in exported models' provenance. */
    public static String digest(PruningPlan plan) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(toJson(plan, null, null).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode setting(LayerSetting s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("granularity", s.granularity().name().toLowerCase(Locale.ROOT));
        o.put("criterion", s.criterion().name().toLowerCase(Locale.ROOT));
        o.put("ratio", s.ratio());
        o.put("protect", s.protect());
        if (s.granularity() == Granularity.N_M) {
            o.put("n", s.n());
            o.put("m", s.m());
        }
        return o;
    }

    private static LayerSetting setting(JsonNode o, String who) {
        if (!o.isObject()) {
            throw new PlanException(who + ": expected an object with granularity, criterion and ratio");
        }
        Granularity g = parseEnum(Granularity.class, o.path("granularity").asText("filter"), who, "granularity");
        Criterion c = parseEnum(Criterion.class, o.path("criterion").asText("l1"), who, "criterion");
        double ratio = o.path("ratio").asDouble(0);
        if (!(ratio >= 0 && ratio < 1)) {
            throw new PlanException(who + ": ratio " + o.path("ratio") + " is outside [0, 1)");
        }
        return new LayerSetting(g, c, ratio, o.path("protect").asBoolean(false), o.path("n").asInt(2),
                o.path("m").asInt(4));
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String who, String field) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(':', '_');
        if (key.equals("NM") || key.equals("2_4")) {
            key = "N_M";
        }
        if (key.equals("GM")) {
            key = "GEOMETRIC_MEDIAN";
        }
        if (key.equals("BN")) {
            key = "BN_SCALE";
        }
        try {
            return Enum.valueOf(type, key);
        } catch (IllegalArgumentException e) {
            throw new PlanException(who + ": unknown " + field + " '" + text + "'");
        }
    }

    private static ArrayNode indices(BitSet b) {
        ArrayNode a = MAPPER.createArrayNode();
        b.stream().forEach(a::add);
        return a;
    }
}
