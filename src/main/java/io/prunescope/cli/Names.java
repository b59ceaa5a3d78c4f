package io.prunescope.cli;

import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Granularity and criterion names as typed on the command line: case-insensitive, with the usual aliases. */
final class Names {

    private Names() {
    }

    private static final Map<String, Granularity> GRANULARITY_ALIASES = Map.ofEntries(
            Map.entry("element", Granularity.WEIGHT),
            Map.entry("row", Granularity.VECTOR),
            Map.entry("filter_wise", Granularity.FILTER),
            Map.entry("channel_wise", Granularity.CHANNEL),
            Map.entry("shape_wise", Granularity.SHAPE),
            Map.entry("group_wise", Granularity.SHAPE),
            Map.entry("column", Granularity.SHAPE),
            Map.entry("stripe_wise", Granularity.STRIPE),
            Map.entry("swp", Granularity.STRIPE),
            Map.entry("nm", Granularity.N_M),
            Map.entry("n_m", Granularity.N_M),
            Map.entry("n:m", Granularity.N_M),
            Map.entry("fc", Granularity.NEURON),
            Map.entry("block", Granularity.LAYER));

    private static final Map<String, Criterion> CRITERION_ALIASES = Map.of(
            "gm", Criterion.GEOMETRIC_MEDIAN,
            "median", Criterion.GEOMETRIC_MEDIAN,
            "bn", Criterion.BN_SCALE,
            "bn_gamma", Criterion.BN_SCALE,
            "slimming", Criterion.BN_SCALE);

    /** A granularity, and for an {@code N:M} spelling ({@code 2:4}) the pattern; else {@code nm} is null. */
    record ParsedGranularity(Granularity granularity, int[] nm) {
    }

    static ParsedGranularity granularity(String text) {
        String key = key(text);
        int[] nm = nm(text.trim());
        if (nm != null) {
            return new ParsedGranularity(Granularity.N_M, nm);
        }
        Granularity g = GRANULARITY_ALIASES.get(key);
        if (g == null) {
            g = Arrays.stream(Granularity.values()).filter(v -> v.name().equalsIgnoreCase(key)).findFirst()
                    .orElseThrow(() -> new BadInput("unknown granularity '" + text + "'; one of "
                            + choices(Granularity.values()) + " (aliases: nm, 2:4, element, block, swp)"));
        }
        return new ParsedGranularity(g, null);
    }

    static Criterion criterion(String text) {
        String key = key(text);
        Criterion c = CRITERION_ALIASES.get(key);
        if (c != null) {
            return c;
        }
        return Arrays.stream(Criterion.values()).filter(v -> v.name().equalsIgnoreCase(key)).findFirst()
                .orElseThrow(() -> new BadInput("unknown criterion '" + text + "'; one of "
                        + choices(Criterion.values()) + " (aliases: gm, bn)"));
    }

    /** {@code N:M} as two ints with 1 ≤ N < M, or null when the text is not of that form. */
    static int[] nm(String text) {
        if (!text.matches("\\d+:\\d+")) {
            return null;
        }
        String[] p = text.split(":");
        int n;
        int m;
        try {
            n = Integer.parseInt(p[0]);
            m = Integer.parseInt(p[1]);
        } catch (NumberFormatException e) {
            throw new BadInput("N:M pattern '" + text + "' is out of range");
        }
        if (n < 1 || n >= m) {
            throw new BadInput("N:M pattern '" + text + "' needs 1 ≤ N < M");
        }
        return new int[]{n, m};
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String key(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    }

    private static String choices(Enum<?>[] values) {
        return Arrays.stream(values).map(Names::lower).collect(Collectors.joining(", "));
    }
}
