package io.prunescope.prune.criteria;

/** FPGM distance sums and distances to the geometric median, per comparison group. */
final class DistanceScores {

    private DistanceScores() {
    }

    static float[] fpgm(WeightView w, UnitLayout layout) {
        return perGroup(w, layout, (x, n, d, parallel) -> DistanceSums.sums(x, n, d, parallel));
    }

    static float[] geometricMedian(WeightView w, UnitLayout layout, ScoreOptions opts) {
        return perGroup(w, layout, (x, n, d, parallel) -> GeometricMedian.distancesToMedian(
                x, n, d, opts.gmRelativeTolerance(), opts.gmMaxIterations(), parallel));
    }

    private interface GroupScore {
        double[] score(float[] matrix, int n, int d, boolean parallel);
    }

    /**
     * One group (filters, neurons, channels, columns): parallel inside the group. Many groups (kernels,
     * vectors, stripes): parallel across groups, sequential inside each.
     */
    private static float[] perGroup(WeightView w, UnitLayout layout, GroupScore method) {
        ComparisonGroups groups = ComparisonGroups.of(w, layout);
        float[] scores = new float[layout.units()];
        int d = layout.unitSize();
        int n = groups.groupSize();
        boolean rowsAreUnits = layout.segmentCount() == 1 && groups.groups() == 1;
        if (rowsAreUnits) {
            // Filters / neurons are already the rows of the data: no copy.
            store(method.score(w.data(), n, d, true), groups, 0, scores);
            return scores;
        }
        if (groups.groups() == 1) {
            store(method.score(groups.gather(0, layout, w.data()), n, d, true), groups, 0, scores);
            return scores;
        }
        int count = groups.groups();
        int tasks = Math.min(count, 4 * Parallel.threads());
        Parallel.forEach(tasks, t -> {
            for (int g = t; g < count; g += tasks) {
                store(method.score(groups.gather(g, layout, w.data()), n, d, false), groups, g, scores);
            }
        });
        return scores;
    }

    private static void store(double[] values, ComparisonGroups groups, int group, float[] scores) {
        for (int m = 0; m < values.length; m++) {
            scores[groups.unit(group, m)] = (float) values[m];
        }
    }
}
