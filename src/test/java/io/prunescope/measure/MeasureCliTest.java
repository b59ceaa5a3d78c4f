package io.prunescope.measure;

import io.prunescope.cli.CliMain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The evaluate, sensitivity and prune-target commands on the bundled sample. */
class MeasureCliTest {

    private static final String MODEL = "assets/models/fashion-resnet.onnx";

    @BeforeAll
    static void sample() {
        assumeTrue(BundledSample.isPresent(BundledSample.defaultAssets()), "Fashion sample not in assets/");
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliMain.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void evaluatePrintsTopOneAndTopFiveFromIdxFiles() {
        String[] r = run("evaluate", MODEL, "--data", "assets/data/fashion-mnist-test-1000-images-idx3-ubyte.gz",
                "--labels", "assets/data/fashion-mnist-test-1000-labels-idx1-ubyte.gz", "--mean", "0.286", "--std",
                "0.353");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("0.9350").contains("0.9990").contains("1000");
    }

    @Test
    void sensitivityWritesCsvAndPruneTargetMeetsTheBudget(@TempDir Path dir) throws Exception {
        String old = System.getProperty("prunescope.home");
        System.setProperty("prunescope.home", dir.toString());
        try {
            Path csv = dir.resolve("s.csv");
            String[] r = run("sensitivity", MODEL, "--data", "bundled", "--limit", "200", "--csv", csv.toString());
            assertThat(r[0]).as(r[2]).isEqualTo("0");
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines).hasSize(2 + 6 * 9);
            assertThat(lines.get(0)).startsWith("group,layer,units,ratio");

            Path out = dir.resolve("pruned.onnx");
            r = run("prune", MODEL, "--data", "bundled", "--limit", "200", "--target-flops", "0.4",
                    "--recover", "bias", "-o", out.toString(), "--plan-out", dir.resolve("plan.json").toString());
            assertThat(r[0]).as(r[1] + r[2]).isEqualTo("0");
            assertThat(r[1]).contains("FLOPs −").contains("recovered (bias)");
            assertThat(Files.size(out)).isLessThan(Files.size(Path.of(MODEL)));
            r = run("evaluate", MODEL, out.toString(), "--data", "bundled", "--limit", "200");
            assertThat(r[0]).isEqualTo("0");
            assertThat(r[1]).contains("pruned.onnx").contains("difference");
        } finally {
            if (old == null) {
                System.clearProperty("prunescope.home");
            } else {
                System.setProperty("prunescope.home", old);
            }
        }
    }
}
