package io.prunescope.cli;

import io.prunescope.model.Graph;
import io.prunescope.model.Tensor;
import io.prunescope.onnx.OnnxReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code prune}, in-process, on the committed residual fixture (stem → two residual blocks → proj → fc). */
class PruneCommandTest {

    static final String RESIDUAL = "src/test/resources/coupling/residual.onnx";
    static final String CONCAT = "src/test/resources/coupling/concat.onnx";

    private static CliMainTest.Run run(String... args) {
        return CliMainTest.run(args);
    }

    private static Graph read(Path p) throws Exception {
        return new OnnxReader().read(p).model().graph();
    }

    @Test
    void fpgmHalfShrinksTheConvsAndVerifies(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("pruned.onnx");
        CliMainTest.Run r = run("prune", RESIDUAL, "--granularity", "filter", "--criterion", "fpgm",
                "--ratio", "0.5", "-o", out.toString());
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("VERIFIED").contains("params").contains("MACs").contains("GFLOPs")
                .contains("channel groups pruned: 4 of 4").containsPattern("-\\d+\\.\\d\\d%");
        assertThat(out).exists();
        Graph before = read(Path.of(RESIDUAL));
        Graph after = read(out);
        // a1.0: Conv 16→16 3×3 inside the first block; its own 16 filters → 8, and its input (the stage's
        // residual channels, coupled with the stem) 16 → 8 as well.
        assertThat(before.constants().get("a1.0.weight").dims()).containsExactly(16, 16, 3, 3);
        assertThat(after.constants().get("a1.0.weight").dims()).containsExactly(8, 8, 3, 3);
        assertThat(after.constants().get("stem.0.weight").dims()).containsExactly(8, 3, 3, 3);
        assertThat(after.constants().get("a1.1.weight").dims()).containsExactly(8);
        assertThat(read(out).nodes()).hasSameSizeAs(before.nodes());
    }

    @Test
    void aSavedPlanReplaysToTheSameWeights(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first.onnx");
        Path plan = dir.resolve("plan.json");
        CliMainTest.Run r = run("prune", RESIDUAL, "-g", "FILTER", "-c", "gm", "-r", "0.4", "--round-to", "2",
                "--protect", "/proj/proj.0/Conv", "-o", first.toString(), "--save-plan", plan.toString(),
                "--no-verify");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("verification skipped");
        assertThat(Files.readString(plan)).contains("\"format\" : \"prunescope-plan/1\"")
                .contains("geometric_median").contains("/proj/proj.0/Conv");
        Path second = dir.resolve("second.onnx");
        CliMainTest.Run replay = run("prune", RESIDUAL, "--plan", plan.toString(), "-o", second.toString());
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("VERIFIED").contains("from " + plan);
        Map<String, Tensor> a = read(first).constants();
        Map<String, Tensor> b = read(second).constants();
        assertThat(b.keySet()).isEqualTo(a.keySet());
        boolean shrank = false;
        for (String k : a.keySet()) {
            assertThat(b.get(k).dims()).as(k).containsExactly(a.get(k).dims());
            if (a.get(k).type().isFloatingPoint()) {
                assertThat(b.get(k).toFloats()).as(k).containsExactly(a.get(k).toFloats());
            }
            shrank |= !java.util.Arrays.equals(a.get(k).dims(), read(Path.of(RESIDUAL)).constants().get(k).dims());
        }
        assertThat(shrank).isTrue();
    }

    @Test
    void aPlanForAnotherModelIsBadInputWithThePlanMessage(@TempDir Path dir) {
        Path plan = dir.resolve("plan.json");
        assertThat(run("prune", RESIDUAL, "-r", "0.25", "-o", dir.resolve("a.onnx").toString(),
                "--save-plan", plan.toString(), "--no-verify").code()).isZero();
        CliMainTest.Run r = run("prune", CONCAT, "--plan", plan.toString(), "-o", dir.resolve("b.onnx").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains("another model").contains("residual.onnx")
                .doesNotContain("\tat ");
        assertThat(dir.resolve("b.onnx")).doesNotExist();
    }

    @Test
    void softExportKeepsShapesAndZeroesThePrunedFilters(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("soft.onnx");
        CliMainTest.Run r = run("prune", RESIDUAL, "--granularity", "filter", "--criterion", "fpgm", "--ratio", "0.5",
                "--soft", "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("soft export").contains("VERIFIED");
        Graph before = read(Path.of(RESIDUAL));
        Graph after = read(out);
        for (String k : before.constants().keySet()) {
            assertThat(after.constants().get(k).dims()).as(k).containsExactly(before.constants().get(k).dims());
        }
        float[] w = after.constants().get("a1.0.weight").toFloats();
        int zeroFilters = 0;
        for (int o = 0; o < 16; o++) {
            boolean allZero = true;
            for (int i = 0; i < 16 * 9; i++) {
                allZero &= w[o * 144 + i] == 0f;
            }
            zeroFilters += allZero ? 1 : 0;
        }
        assertThat(zeroFilters).isEqualTo(8);
        assertThat(new OnnxReader().read(out).model().metadata()).containsEntry("prunescope.export", "soft");
    }

    @Test
    void granularityAndCriterionAliasesAreAccepted(@TempDir Path dir) {
        CliMainTest.Run r = run("prune", RESIDUAL, "--granularity", "2:4", "-o", dir.resolve("nm.onnx").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("n_m 2:4").contains("nonzero params").contains("VERIFIED");
        CliMainTest.Run bn = run("prune", RESIDUAL, "-g", "Filter", "-c", "BN", "-r", "0.25", "-o",
                dir.resolve("bn.onnx").toString(), "--no-verify");
        assertThat(bn.code()).as(bn.err()).isZero();
        assertThat(bn.out()).contains("bn_scale");
        CliMainTest.Run nm = run("prune", RESIDUAL, "-g", "nm", "--nm", "1:4", "-o",
                dir.resolve("nm14.onnx").toString(), "--no-verify");
        assertThat(nm.code()).as(nm.err()).isZero();
        assertThat(nm.out()).contains("n_m 1:4");
    }

    @Test
    void aConvOnlyDefaultGranularitySkipsTheFullyConnectedLayer(@TempDir Path dir) {
        // Engine fix: kernel as the default used to throw out of decide() on the model's Gemm.
        CliMainTest.Run r = run("prune", RESIDUAL, "-g", "kernel", "-c", "l2", "-r", "0.5", "-o",
                dir.resolve("k.onnx").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("note: layer '/fc/Gemm'").contains("does not apply")
                .contains("layers with fine-grained zeros: 6").contains("VERIFIED");
    }

    @Test
    void badInputsExitWithTwoAndOneClearLine(@TempDir Path dir) {
        String out = dir.resolve("out.onnx").toString();
        CliMainTest.Run missing = run("prune", dir.resolve("nope.onnx").toString(), "-r", "0.3", "-o", out);
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: cannot open").contains("nope.onnx");

        CliMainTest.Run ratio = run("prune", RESIDUAL, "-r", "1.5", "-o", out);
        assertThat(ratio.code()).isEqualTo(2);
        assertThat(ratio.err()).startsWith("error: invalid ratio 1.5");

        CliMainTest.Run layer = run("prune", RESIDUAL, "-r", "0.3", "--protect", "/a1/Conv", "-o", out);
        assertThat(layer.code()).isEqualTo(2);
        assertThat(layer.err()).startsWith("error: unknown layer '/a1/Conv' in --protect");

        CliMainTest.Run criterion = run("prune", RESIDUAL, "-r", "0.3", "-c", "l3", "-o", out);
        assertThat(criterion.code()).isEqualTo(2);
        assertThat(criterion.err()).startsWith("error: unknown criterion 'l3'");

        CliMainTest.Run noRatio = run("prune", RESIDUAL, "-o", out);
        assertThat(noRatio.code()).isEqualTo(2);
        assertThat(noRatio.err()).contains("--ratio");

        CliMainTest.Run noPlan = run("prune", RESIDUAL, "--plan", dir.resolve("none.json").toString(), "-o", out);
        assertThat(noPlan.code()).isEqualTo(2);
        assertThat(noPlan.err()).startsWith("error: no plan file");

        for (CliMainTest.Run r : new CliMainTest.Run[]{missing, ratio, layer, criterion, noRatio, noPlan}) {
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        }
        assertThat(Path.of(out)).doesNotExist();
    }

    @Test
    void neverOverwritesTheInput(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("model.onnx");
        Files.copy(Path.of(RESIDUAL), copy);
        byte[] original = Files.readAllBytes(copy);
        CliMainTest.Run r = run("prune", copy.toString(), "-r", "0.5", "-o", copy.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("overwrite");
        assertThat(Files.readAllBytes(copy)).isEqualTo(original);
    }

    @Test
    void verboseShowsTheStackTrace(@TempDir Path dir) {
        CliMainTest.Run r = run("prune", dir.resolve("nope.onnx").toString(), "-r", "0.3", "-o",
                dir.resolve("o.onnx").toString(), "--verbose");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("\tat ");
    }
}
