package io.prunescope.measure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prunescope.files.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Sensitivity results kept with the model: one JSON file per (model sha256, data identity, metric, criterion,
 * ratios, rounding) in {@code <home>/cache}, where home is the system property {@code prunescope.home} or
 * {@code ~/.prunescope}. A file that does not parse is ignored and recomputed.
 */
public final class SensitivityCache {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path dir;

    public SensitivityCache(Path dir) {
        this.dir = dir;
    }

    public static SensitivityCache defaultCache() {
        String home = System.getProperty("prunescope.home");
        Path base = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".prunescope");
        return new SensitivityCache(base.resolve("cache"));
    }

    public Path dir() {
        return dir;
    }

    public static String key(String modelSha256, String dataIdentity, String metric, String criterion,
                             double[] ratios, int roundTo) {
        String text = modelSha256 + "|" + dataIdentity + "|" + metric + "|" + criterion + "|"
                + java.util.Arrays.toString(ratios) + "|" + roundTo;
        return HexFormat.of().formatHex(Datasets.sha256().digest(text.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
    }

    public Path file(String key) {
        return dir.resolve("sensitivity-" + key + ".json");
    }

    public Optional<SensitivityResult> get(String key) {
        Path f = file(key);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(f.toFile(), SensitivityResult.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Every cached result for the model with this digest (any data, metric or criterion), newest file first: what
     * the workbench shows beside the ratio slider before anything is measured in this run.
     */
    public java.util.List<SensitivityResult> allFor(String modelSha256) {
        java.util.List<Path> files = new java.util.ArrayList<>();
        try (var list = Files.list(dir)) {
            list.filter(f -> f.getFileName().toString().startsWith("sensitivity-")
                    && f.getFileName().toString().endsWith(".json")).forEach(files::add);
        } catch (IOException e) {
            return java.util.List.of();
        }
        files.sort(java.util.Comparator.comparing((Path f) -> {
            try {
                return Files.getLastModifiedTime(f).toMillis();
            } catch (IOException e) {
                return 0L;
            }
        }).reversed());
        java.util.List<SensitivityResult> out = new java.util.ArrayList<>();
        for (Path f : files) {
            try {
                SensitivityResult r = MAPPER.readValue(f.toFile(), SensitivityResult.class);
                if (modelSha256.equals(r.modelSha256())) {
                    out.add(r);
                }
            } catch (IOException e) {
                // not ours to repair: a damaged file is recomputed when its analysis runs again
            }
        }
        return out;
    }

    public void put(String key, SensitivityResult result) {
        try {
            Files.createDirectories(dir);
            byte[] bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(result);
            AtomicFiles.write(file(key), bytes);
        } catch (IOException e) {
            // A cache that cannot be written only costs a recomputation next time.
        }
    }
}
