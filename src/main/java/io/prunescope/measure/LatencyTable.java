package io.prunescope.measure;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prunescope.files.AtomicFiles;
import io.prunescope.onnx.ConvProbe;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.runtime.LatencyBenchmark;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.task.CancellationToken;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measured ONNX Runtime latency of single convolutions by layer shape and output channel count, on this machine:
 * {@code shape key → channel count → median milliseconds}. Measured once per machine and cached in
 * {@code <home>/latency/<machine>.json}, where the machine key hashes the CPU model, core count, ONNX Runtime
 * version and thread count, because the kernels ONNX Runtime picks (and so which channel counts are cheap)
 * depend on all four.
 */
public final class LatencyTable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final RuntimeOptions options;
    private final int runs;
    private final Map<String, TreeMap<Integer, Double>> rows = new ConcurrentHashMap<>();

    private LatencyTable(Path file, RuntimeOptions options, int runs) {
        this.file = file;
        this.options = options;
        this.runs = runs;
    }

    /** This machine's table under {@code home} (null: {@code $prunescope.home} or {@code ~/.prunescope}). */
    public static LatencyTable forMachine(Path home, RuntimeOptions options, int runs) {
        Path base = home != null ? home : SensitivityCache.defaultCache().dir().getParent();
        LatencyTable t = new LatencyTable(base.resolve("latency").resolve(machineKey(options) + ".json"), options, runs);
        t.load();
        return t;
    }

    public Path file() {
        return file;
    }

    static String machineKey(RuntimeOptions options) {
        String cpu = cpuModel();
        String ort = InferenceSession.runtimeVersion();
        String text = cpu + "|" + Runtime.getRuntime().availableProcessors() + "|" + ort + "|"
                + options.intraOpThreads() + "|" + options.optimization();
        return HexFormat.of().formatHex(Datasets.sha256().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .substring(0, 16);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the OS and architecture still tell machines apart somewhat
        }
        return System.getProperty("os.name") + "/" + System.getProperty("os.arch");
    }

    /** Median milliseconds of {@code shape} with {@code outChannels} filters, measured now if not in the table. */
    public double millis(ConvShape shape, int outChannels, CancellationToken cancel) {
        TreeMap<Integer, Double> row = rows.computeIfAbsent(shape.key(), k -> new TreeMap<>());
        synchronized (row) {
            Double hit = row.get(outChannels);
            if (hit != null) {
                return hit;
            }
        }
        cancel.throwIfCancelled();
        double ms = measure(shape.withOutChannels(outChannels));
        synchronized (row) {
            row.put(outChannels, ms);
        }
        return ms;
    }

    private double measure(ConvShape s) {
        byte[] model = ConvProbe.conv(s.inChannels(), s.outChannels(), s.kernelH(), s.kernelW(), s.stride(),
                s.groups(), s.height(), s.width());
        float[] x = new float[s.inChannels() * s.height() * s.width()];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        Map<String, FloatTensor> in = Map.of("X", new FloatTensor(x, new long[] {1, s.inChannels(), s.height(),
                s.width()}));
        try (InferenceSession session = InferenceSession.open(model, options)) {
            return new LatencyBenchmark(3, runs).measure(session, in).medianMs();
        }
    }

    /**
     * Milliseconds from what is already in the table, never measuring: the exact count, else linear interpolation
     * between the nearest measured counts below and above; NaN when the row does not bracket the count. For the
     * workbench's predicted latency, which must not start measurements on the FX thread.
     */
    public double cachedMillis(ConvShape shape, int outChannels) {
        TreeMap<Integer, Double> row = rows.get(shape.key());
        if (row == null) {
            return Double.NaN;
        }
        synchronized (row) {
            Double exact = row.get(outChannels);
            if (exact != null) {
                return exact;
            }
            Map.Entry<Integer, Double> lo = row.floorEntry(outChannels);
            Map.Entry<Integer, Double> hi = row.ceilingEntry(outChannels);
            if (lo == null || hi == null) {
                return Double.NaN;
            }
            double t = (double) (outChannels - lo.getKey()) / (hi.getKey() - lo.getKey());
            return lo.getValue() + t * (hi.getValue() - lo.getValue());
        }
    }

    /** The measured row of a shape (channel count → ms), empty when nothing is measured yet. */
    public Map<Integer, Double> row(ConvShape shape) {
        TreeMap<Integer, Double> row = rows.get(shape.key());
        if (row == null) {
            return Map.of();
        }
        synchronized (row) {
            return new TreeMap<>(row);
        }
    }

    public void save() throws IOException {
        Files.createDirectories(file.getParent());
        Map<String, Map<Integer, Double>> copy = new TreeMap<>();
        rows.forEach((k, v) -> {
            synchronized (v) {
                copy.put(k, new TreeMap<>(v));
            }
        });
        AtomicFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(copy));
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            Map<String, TreeMap<Integer, Double>> read = MAPPER.readValue(file.toFile(),
                    new TypeReference<Map<String, TreeMap<Integer, Double>>>() { });
            rows.putAll(read);
        } catch (IOException e) {
            // a damaged table is measured again
        }
    }
}
