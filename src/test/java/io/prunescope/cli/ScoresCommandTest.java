package io.prunescope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prunescope.model.Tensor;
import io.prunescope.onnx.OnnxReader;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.prune.criteria.ScoreOptions;
import io.prunescope.prune.criteria.Scorer;
import io.prunescope.prune.criteria.WeightView;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ScoresCommandTest {

    private static final String LAYER = "/a1/a1.0/Conv";

    private static float[] fpgmByScorer() throws Exception {
        Tensor w = new OnnxReader().read(Path.of(PruneCommandTest.RESIDUAL)).model().graph().constants()
                .get("a1.0.weight");
        return Scorer.scores(WeightView.of(w.toFloats(), 16, 16, 3, 3), Granularity.FILTER, Criterion.FPGM,
                ScoreOptions.defaults());
    }

    @Test
    void jsonListsSixteenFiltersWithTheScorersFpgmValuesAndRanks() throws Exception {
        CliMainTest.Run r = CliMainTest.run("scores", PruneCommandTest.RESIDUAL, "--layer", LAYER, "--criterion",
                "FPGM", "--json", "--ratio", "0.25");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        float[] expected = fpgmByScorer();
        JsonNode units = json.get("units");
        assertThat(units).hasSize(16);
        Set<Integer> ranks = new HashSet<>();
        for (int u = 0; u < 16; u++) {
            JsonNode e = units.get(u);
            assertThat(e.get("index").asInt()).isEqualTo(u);
            assertThat(e.get("score").floatValue()).isEqualTo(expected[u]);
            ranks.add(e.get("rank").asInt());
            for (int v = 0; v < 16; v++) {
                if (expected[v] < expected[u]) {
                    assertThat(units.get(v).get("rank").asInt()).isLessThan(e.get("rank").asInt());
                }
            }
        }
        assertThat(ranks).hasSize(16).contains(1, 16);
        // 25% of 16 = the 4 lowest-ranked units
        assertThat(json.get("pruned")).hasSize(4);
        for (JsonNode p : json.get("pruned")) {
            assertThat(units.get(p.asInt()).get("rank").asInt()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void tableShowsIndexScoreAndRank() throws Exception {
        CliMainTest.Run r = CliMainTest.run("scores", PruneCommandTest.RESIDUAL, "-l", LAYER, "-c", "fpgm");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("unit").contains("score").contains("rank").contains("16 units")
                .doesNotContain(" prunes ");
        float[] expected = fpgmByScorer();
        assertThat(r.out()).contains(String.format(java.util.Locale.ROOT, "%.6g", expected[0]));
        assertThat(r.out().lines().filter(l -> l.matches(" *\\d+ +[-0-9.e+]+ +\\d+")).count()).isEqualTo(16);
    }

    @Test
    void otherGranularitiesHaveTheirOwnUnits() {
        CliMainTest.Run r = CliMainTest.run("scores", PruneCommandTest.RESIDUAL, "-l", LAYER, "-c", "l2", "-g",
                "kernel", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"granularity\" : \"kernel\"");
        assertThat(r.out().split("\"index\"", -1)).hasSize(16 * 16 + 1);
    }

    @Test
    void unknownLayerAndUnavailableCriterionAreBadInput() {
        CliMainTest.Run r = CliMainTest.run("scores", PruneCommandTest.RESIDUAL, "-l", "a1", "-c", "fpgm");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: unknown layer 'a1'").contains("/a1/a1.0/Conv");
        CliMainTest.Run bn = CliMainTest.run("scores", PruneCommandTest.RESIDUAL, "-l", "/a2/Conv", "-c", "bn");
        assertThat(bn.code()).isEqualTo(2);
        assertThat(bn.err()).startsWith("error: cannot score '/a2/Conv'").doesNotContain("\tat ");
        CliMainTest.Run ratio = CliMainTest.run("scores", PruneCommandTest.RESIDUAL, "-l", LAYER, "-r", "1.5");
        assertThat(ratio.code()).isEqualTo(2);
        assertThat(ratio.err()).startsWith("error: invalid ratio");
    }
}
