package io.prunescope.measure;

import io.prunescope.cli.CliMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** sensitivity, prune-target and compare-criteria with {@code --task detect} on the trained YOLOv5n, on 4 images. */
class DetectorCliTest {

    private static final String MODEL = "assets/models/yolov5n-fashion.onnx";
    private static final String DATA = "assets/data/fashion-detect/data.yaml";

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliMain.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void sensitivityAndPruneTargetMeasureMap(@TempDir Path dir) throws Exception {
        String old = System.getProperty("prunescope.home");
        System.setProperty("prunescope.home", dir.toString());
        try {
            Path csv = dir.resolve("s.csv");
            String[] r = run("sensitivity", MODEL, "--task", "detect", "--data", DATA, "--limit", "4", "--ratios",
                    "0.5", "--csv", csv.toString());
            assertThat(r[0]).as(r[2]).isEqualTo("0");
            assertThat(r[1]).startsWith("map50-95 baseline");
            List<String> lines = Files.readAllLines(csv);
            // header, the original, one row per prunable group at the one ratio
            assertThat(lines.get(1)).startsWith("-,original,0,0,0,map50-95,");
            assertThat(lines.size() - 2).isGreaterThan(30);

            Path out = dir.resolve("pruned.onnx");
            r = run("prune-target", MODEL, "--task", "detect", "--data", DATA, "--limit", "4", "--ratios", "0.5",
                    "--target-flops", "0.2", "--recover", "lsq", "--calibration-limit", "4", "-o", out.toString());
            assertThat(r[0]).as(r[1] + r[2]).isEqualTo("0");
            assertThat(r[1]).contains("map50-95 original").contains("recovered (lsq)");
            assertThat(Files.size(out)).isLessThan(Files.size(Path.of(MODEL)));
        } finally {
            if (old == null) {
                System.clearProperty("prunescope.home");
            } else {
                System.setProperty("prunescope.home", old);
            }
        }
    }

    @Test
    void compareCriteriaWritesTableAndChart(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("c.csv");
        Path png = dir.resolve("c.png");
        String[] r = run("compare-criteria", MODEL, "--task", "detect", "--data", DATA, "--limit", "4",
                "--criteria", "l1,bn,random", "--ratios", "0.2,0.4", "--csv", csv.toString(), "--chart",
                png.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        // the shipped model has BN folded: BN-γ is skipped with the reason, the others measured
        assertThat(r[2]).contains("skipped BN scale").contains("BN folded");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(1 + 1 + 2 * 2);
        assertThat(lines.get(1)).startsWith("original,0,1.041766,1772695,map50-95,");
        for (String l : lines.subList(2, lines.size())) {
            String[] f = l.split(",");
            double gflops = Double.parseDouble(f[2]);
            assertThat(gflops).isLessThan(1.0417);
            assertThat(Double.parseDouble(f[5])).isBetween(0.0, 1.0);
            assertThat(f[0].toLowerCase(Locale.ROOT)).isIn("l1 norm", "random (seeded)");
        }
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertThat(head).containsExactly(0x89, 'P', 'N', 'G');
        assertThat(r[1]).contains("L1 norm").contains("Random (seeded)").contains("original");
    }
}
