package io.prunescope.measure;

/**
 * Part {@code index} of {@code count} of a sensitivity sweep (1-based, as {@code --shard 3/8} reads): the groups
 * at positions p with {@code p % count == index − 1} of the model's measurable groups. Dealing groups round-robin
 * rather than in runs spreads the big early layers over all parts, so the parts take similar time.
 */
public record SensitivityShard(int index, int count) {

    public SensitivityShard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("--shard must be K/N with 1 ≤ K ≤ N, got " + index + "/" + count);
        }
    }

    /** Parses {@code K/N}. */
    public static SensitivityShard parse(String text) {
        String[] kn = text.trim().split("/");
        if (kn.length != 2) {
            throw new IllegalArgumentException("--shard must be K/N (for example 3/8), got '" + text + "'");
        }
        try {
            return new SensitivityShard(Integer.parseInt(kn[0].trim()), Integer.parseInt(kn[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard must be K/N with whole numbers, got '" + text + "'");
        }
    }

    public boolean includes(int position) {
        return position % count == index - 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
