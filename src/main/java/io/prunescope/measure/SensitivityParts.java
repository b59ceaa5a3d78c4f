package io.prunescope.measure;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of a sharded sensitivity sweep ({@code sensitivity --shard K/N --part FILE}) and their merge
 * ({@code sensitivity merge}). A part carries the settings it was measured with and its groups' positions in the
 * full sweep, so the merge can refuse parts of different sweeps with a message that names the difference, find
 * missing or repeated parts, and put the groups back in the order one machine would have produced.
 */
public final class SensitivityParts {

    /** Written into every part; a file without it is not a part. */
    public static final String FORMAT = "prunescope-sensitivity-part/1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Relative difference of the unpruned baselines above which two parts did not measure the same thing. */
    private static final double BASELINE_TOLERANCE = 1e-6;

    private SensitivityParts() {
    }

    /**
     * One part.
     *
     * @param positions    each group's position in the full sweep, parallel to {@code result.groups()}
     * @param totalGroups  how many groups the full sweep measures
     */
    public record Part(String format, SensitivitySettings settings, int shard, int shards, int totalGroups,
                       int[] positions, SensitivityResult result) {
    }

    public static Part part(SensitivitySettings settings, SensitivityShard shard, int totalGroups,
                            SensitivityResult result) {
        int[] positions = new int[result.groups().size()];
        int k = 0;
        for (int p = 0; p < totalGroups; p++) {
            if (shard.includes(p)) {
                positions[k++] = p;
            }
        }
        if (k != positions.length) {
            throw new IllegalStateException("part " + shard + " has " + positions.length + " groups, expected " + k);
        }
        return new Part(FORMAT, settings, shard.index(), shard.count(), totalGroups, positions, result);
    }

    public static byte[] toJson(Part part) throws IOException {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(part);
    }

    /** Reads a part file; a clear {@link IllegalArgumentException} when it is not one. */
    public static Part read(Path file) {
        Part p;
        try {
            p = MAPPER.readValue(file.toFile(), Part.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a sensitivity part: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(p.format()) || p.settings() == null || p.result() == null) {
            throw new IllegalArgumentException(file + " is not a sensitivity part (written by sensitivity --shard)");
        }
        return p;
    }

    /**
     * Joins the parts of one sweep into the result a single run would have given.
     *
     * @param names how to call each part in messages (its file name), parallel to {@code parts}
     * @throws IllegalArgumentException when the parts belong to different sweeps, or one is missing or repeated
     */
    public static SensitivityResult merge(List<Part> parts, List<String> names) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no parts to merge");
        }
        Part first = parts.get(0);
        Map<Integer, String> seen = new TreeMap<>();
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            String difference = first.settings().difference(p.settings());
            if (difference != null) {
                throw new IllegalArgumentException("cannot merge " + names.get(i) + " with " + names.get(0)
                        + ": they were measured with a different " + difference);
            }
            if (p.shards() != first.shards() || p.totalGroups() != first.totalGroups()) {
                throw new IllegalArgumentException("cannot merge " + names.get(i) + " with " + names.get(0)
                        + ": split into " + p.shards() + " parts of " + p.totalGroups() + " groups vs "
                        + first.shards() + " parts of " + first.totalGroups());
            }
            double b0 = first.result().baseline();
            double b = p.result().baseline();
            if (Math.abs(b - b0) > BASELINE_TOLERANCE * Math.max(1, Math.abs(b0))) {
                throw new IllegalArgumentException("cannot merge " + names.get(i) + " with " + names.get(0)
                        + ": the unpruned model measured " + b + " vs " + b0
                        + " (same settings but a different runtime or data content?)");
            }
            String other = seen.put(p.shard(), names.get(i));
            if (other != null) {
                throw new IllegalArgumentException("part " + p.shard() + "/" + p.shards() + " given twice: " + other
                        + " and " + names.get(i));
            }
        }
        List<String> missing = new ArrayList<>();
        for (int k = 1; k <= first.shards(); k++) {
            if (!seen.containsKey(k)) {
                missing.add(k + "/" + first.shards());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing part" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " of the sweep (" + parts.size() + " of " + first.shards()
                    + " given)");
        }
        List<Positioned> groups = new ArrayList<>();
        for (Part p : parts) {
            for (int g = 0; g < p.result().groups().size(); g++) {
                groups.add(new Positioned(p.positions()[g], p.result().groups().get(g)));
            }
        }
        groups.sort(Comparator.comparingInt(Positioned::position));
        if (groups.size() != first.totalGroups()) {
            throw new IllegalArgumentException("the parts hold " + groups.size() + " groups, the sweep has "
                    + first.totalGroups());
        }
        SensitivityResult r = first.result();
        return new SensitivityResult(r.modelSha256(), r.modelName(), r.metric(), r.criterion(), r.dataIdentity(),
                r.baseline(), r.macsBefore(), r.paramsBefore(), r.ratios(),
                groups.stream().map(Positioned::curve).toList());
    }

    private record Positioned(int position, SensitivityResult.GroupCurve curve) {
    }
}
