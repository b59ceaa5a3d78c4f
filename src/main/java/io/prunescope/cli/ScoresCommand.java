package io.prunescope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.Shapes;
import io.prunescope.prune.PlanException;
import io.prunescope.prune.PruneEngine;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.prune.criteria.UnitSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code scores MODEL --layer NAME --criterion C}: the per-unit scores of one layer, ranked. */
@Command(name = "scores", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the score of every unit of one layer (index, score, rank; rank 1 is pruned first)"
                + " and, with --ratio, which units that ratio removes from this layer on its own.",
                "Exit codes: 0 success, 2 bad input (file, layer, criterion not available), 1 internal error."})
final class ScoresCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "An .onnx (or .onnx.gz) file.")
    Path model;

    @Option(names = {"-l", "--layer"}, required = true, paramLabel = "NAME",
            description = "The layer (node name as `analyze` prints it).")
    String layer;

    @Option(names = {"-c", "--criterion"}, defaultValue = "l1", paramLabel = "C",
            description = "l1 (default), l2, fpgm, geometric_median (gm), bn_scale (bn), random.")
    String criterion;

    @Option(names = {"-g", "--granularity"}, defaultValue = "filter", paramLabel = "G",
            description = "filter (default), channel, neuron, weight, vector, kernel, shape, stripe.")
    String granularity;

    @Option(names = {"-r", "--ratio"}, paramLabel = "R", description = "Also list the units this ratio prunes.")
    Double ratio;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed of the random criterion.")
    long seed;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Mixin
    ModelOptions options = new ModelOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            run(out);
            return 0;
        } catch (BadInput | PlanException | IllegalArgumentException e) {
            return options.fail(err, e.getMessage(), e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private void run(PrintWriter out) throws Exception {
        Names.ParsedGranularity pg = Names.granularity(granularity);
        Granularity g = pg.granularity();
        if (g == Granularity.N_M || g == Granularity.LAYER) {
            throw new BadInput(Names.lower(g) + " has no per-unit scores; choose filter, channel, neuron, weight,"
                    + " vector, kernel, shape or stripe");
        }
        Criterion c = Names.criterion(criterion);
        if (ratio != null && !(ratio >= 0 && ratio < 1)) {
            throw new BadInput("invalid ratio " + ratio + ": --ratio must be at least 0 and below 1");
        }
        LoadedModel m = options.load(model);
        PruneEngine engine = m.engine();
        PrunableLayer l = engine.layer(layer).orElseThrow(() ->
                new BadInput(LoadedModel.unknownLayer(engine, layer, "")));
        float[] scores;
        try {
            scores = engine.layerScores(layer, g, c, seed);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException || e instanceof PlanException) {
                throw new BadInput("cannot score '" + layer + "' by " + c.label() + " per " + g.label() + ": "
                        + e.getMessage(), e);
            }
            throw new BadInput("cannot score '" + layer + "': " + e.getMessage(), e);
        }
        int[] rank = ranks(scores);
        int[] pruned = ratio == null ? null : UnitSelection.select(scores, ratio).prunedUnits();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(toJson(l, g, c, scores, rank, pruned)));
            return;
        }
        out.printf(Locale.ROOT, "%s  %s  weight %s%n", l.name(), l.node().opType(), Shapes.format(l.weight().dims()));
        out.printf(Locale.ROOT, "%s by %s: %d units (rank 1 = lowest score = pruned first)%n", g.label(),
                c.label(), scores.length);
        out.println();
        boolean[] isPruned = new boolean[scores.length];
        if (pruned != null) {
            for (int u : pruned) {
                isPruned[u] = true;
            }
        }
        Common.Table t = pruned == null
                ? new Common.Table(new String[]{"unit", "score", "rank"}, new boolean[]{true, true, true})
                : new Common.Table(new String[]{"unit", "score", "rank", "pruned"},
                new boolean[]{true, true, true, false});
        for (int u = 0; u < scores.length; u++) {
            String s = String.format(Locale.ROOT, "%.6g", scores[u]);
            if (pruned == null) {
                t.add(Integer.toString(u), s, Integer.toString(rank[u]));
            } else {
                t.add(Integer.toString(u), s, Integer.toString(rank[u]), isPruned[u] ? "yes" : "");
            }
        }
        out.print(t.render());
        if (pruned != null) {
            out.println();
            out.printf(Locale.ROOT, "ratio %s prunes %d of %d units: %s%n", ratio, pruned.length, scores.length,
                    Arrays.toString(pruned));
            if (g.structured()) {
                out.println("(this layer on its own; `prune` scores a coupled channel group over all its layers)");
            }
        }
    }

    /** Rank 1 = pruned first: ascending score, ties by lower index, as {@link UnitSelection} orders them. */
    static int[] ranks(float[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int cmp = Float.compare(scores[a] == 0f ? 0f : scores[a], scores[b] == 0f ? 0f : scores[b]);
            return cmp != 0 ? cmp : Integer.compare(a, b);
        });
        int[] rank = new int[scores.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r + 1;
        }
        return rank;
    }

    private static Map<String, Object> toJson(PrunableLayer l, Granularity g, Criterion c, float[] scores,
                                              int[] rank, int[] pruned) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("layer", l.name());
        root.put("op", l.node().opType());
        root.put("weightShape", l.weight().dims());
        root.put("granularity", Names.lower(g));
        root.put("criterion", Names.lower(c));
        List<Map<String, Object>> units = new ArrayList<>();
        for (int u = 0; u < scores.length; u++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("index", u);
            e.put("score", scores[u]);
            e.put("rank", rank[u]);
            units.add(e);
        }
        root.put("units", units);
        if (pruned != null) {
            root.put("pruned", pruned);
        }
        return root;
    }
}
