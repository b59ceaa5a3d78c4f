package io.prunescope.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a model's inference time goes, per node and per operator type, from ONNX Runtime's own profiler: the
 * model is run {@code runs} times after warm-up in a profiling session and the trace's kernel events
 * ({@code cat = "Node"}, name {@code <node>_kernel_time}) are averaged per run. Node names are those after
 * ONNX Runtime's graph optimisation, so a fused Conv+activation shows under the Conv's name.
 *
 * @param nodes   node name → mean microseconds per run, in the order of first appearance
 * @param opTypes node name → operator type (as ONNX Runtime reports it, e.g. FusedConv)
 * @param totalUs mean wall microseconds of a whole run (the trace's model_run events)
 */
public record OpProfile(Map<String, Double> nodes, Map<String, String> opTypes, double totalUs, int runs) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Profiles {@code model} on {@code inputs}: {@code warmup} untimed runs, then {@code runs} profiled ones. */
    public static OpProfile measure(byte[] model, Map<String, FloatTensor> inputs, RuntimeOptions options,
                                    int warmup, int runs) throws IOException {
        Path dir = Files.createTempDirectory("prunescope-profile");
        Path trace = null;
        try (InferenceSession s = InferenceSession.openProfiled(model, options, dir.resolve("ort"));
             InferenceSession.PreparedInputs prepared = s.prepare(inputs)) {
            for (int i = 0; i < warmup + runs; i++) {
                s.runDiscardingOutputs(prepared);
            }
            trace = s.endProfiling();
            return parse(MAPPER.readTree(trace.toFile()), warmup, runs);
        } finally {
            if (trace != null) {
                Files.deleteIfExists(trace);
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** As {@link #measure(byte[], Map, RuntimeOptions, int, int)} on random N(0, 1) inputs, dynamic sizes of 1. */
    public static OpProfile measure(byte[] model, RuntimeOptions options, int warmup, int runs) throws IOException {
        Map<String, FloatTensor> inputs;
        try (InferenceSession s = InferenceSession.open(model, options)) {
            Map<String, Long> ones = new java.util.HashMap<>();
            for (TensorSpec t : s.inputs()) {
                for (int i = 0; i < t.shape().length; i++) {
                    if (t.shape()[i] < 0) {
                        ones.put(t.dimNames()[i].isEmpty() ? t.name() + ":" + i : t.dimNames()[i], 1L);
                    }
                }
            }
            inputs = CalibrationInputs.random(s, ones, 1L, CalibrationInputs.Distribution.NORMAL);
        }
        return measure(model, inputs, options, warmup, runs);
    }

    /** Averages the kernel events of the last {@code runs} model runs of a trace (the first {@code skip} are warm-up). */
    static OpProfile parse(JsonNode events, int skip, int runs) {
        Map<String, Double> nodes = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        double total = 0;
        int run = -1;
        for (JsonNode e : events) {
            String name = e.path("name").asText();
            String cat = e.path("cat").asText();
            if (cat.equals("Session") && name.equals("model_run")) {
                run++;
                if (run >= skip) {
                    total += e.path("dur").asDouble();
                }
                continue;
            }
            // Kernel events are written before their run's model_run event closes: they belong to run + 1.
            if (!cat.equals("Node") || !name.endsWith("_kernel_time") || run + 1 < skip) {
                continue;
            }
            String node = name.substring(0, name.length() - "_kernel_time".length());
            nodes.merge(node, e.path("dur").asDouble(), Double::sum);
            types.putIfAbsent(node, e.path("args").path("op_name").asText("?"));
        }
        int counted = Math.max(1, runs);
        nodes.replaceAll((k, v) -> v / counted);
        return new OpProfile(nodes, types, total / counted, runs);
    }

    /** Mean microseconds per run summed by operator type, largest first. */
    public Map<String, Double> byOpType() {
        Map<String, Double> sums = new LinkedHashMap<>();
        nodes.forEach((n, us) -> sums.merge(opTypes.getOrDefault(n, "?"), us, Double::sum));
        Map<String, Double> sorted = new LinkedHashMap<>();
        sums.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** Sum of the kernels' time; the rest of {@link #totalUs} is the runtime's own overhead between kernels. */
    public double kernelUs() {
        return nodes.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
