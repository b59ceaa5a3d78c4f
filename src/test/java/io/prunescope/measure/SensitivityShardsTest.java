package io.prunescope.measure;

import io.prunescope.cli.CliMain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code sensitivity --shard K/N} and {@code sensitivity merge} on the bundled sample: the merged parts give the
 * very CSV one unsharded run gives, land in the cache, and parts of different sweeps, missing or repeated parts
 * are refused with a message naming the problem.
 */
class SensitivityShardsTest {

    private static final String MODEL = "assets/models/fashion-resnet.onnx";
    private static final String[] SWEEP = {"--data", "bundled", "--limit", "64", "--ratios", "0.3,0.6"};

    @BeforeAll
    static void sample() {
        assumeTrue(BundledSample.isPresent(BundledSample.defaultAssets()), "Fashion sample not in assets/");
    }

    private static String[] run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliMain.execute(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    private static List<String> sweep(String... more) {
        List<String> a = new ArrayList<>(List.of("sensitivity", MODEL));
        a.addAll(List.of(SWEEP));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void partsMergeIntoTheSingleRunsCurvesAndAreCached(@TempDir Path dir) throws Exception {
        String old = System.getProperty("prunescope.home");
        System.setProperty("prunescope.home", dir.toString());
        try {
            Path full = dir.resolve("full.csv");
            String[] r = run(sweep("--no-cache", "--csv", full.toString()));
            assertThat(r[0]).as(r[2]).isEqualTo("0");
            List<String> parts = new ArrayList<>();
            for (int k = 1; k <= 3; k++) {
                Path p = dir.resolve("part-" + k + ".json");
                r = run(sweep("--shard", k + "/3", "--part", p.toString()));
                assertThat(r[0]).as(r[2]).isEqualTo("0");
                assertThat(r[1]).contains("part " + k + "/3");
                parts.add(p.toString());
            }
            // Every group is measured by exactly one part.
            int measured = 0;
            for (String p : parts) {
                measured += SensitivityParts.read(Path.of(p)).result().groups().size();
            }
            List<String> fullLines = Files.readAllLines(full);
            assertThat(measured).isEqualTo((fullLines.size() - 2) / 2);
            assertThat(dir.resolve("cache")).doesNotExist(); // parts do not fill the cache

            Path merged = dir.resolve("merged.csv");
            List<String> merge = new ArrayList<>(List.of("sensitivity", "merge", parts.get(2), parts.get(0),
                    parts.get(1), "--csv", merged.toString()));
            r = run(merge);
            assertThat(r[0]).as(r[2]).isEqualTo("0");
            assertThat(r[1]).contains("merged 3 parts");
            assertThat(Files.readAllLines(merged)).isEqualTo(fullLines);

            SensitivityParts.Part first = SensitivityParts.read(Path.of(parts.get(0)));
            SensitivityResult cached = SensitivityCache.defaultCache().get(first.settings().key()).orElseThrow();
            assertThat(cached.groups()).hasSize(measured);
            assertThat(cached.baseline()).isEqualTo(first.result().baseline());
        } finally {
            if (old == null) {
                System.clearProperty("prunescope.home");
            } else {
                System.setProperty("prunescope.home", old);
            }
        }
    }

    @Test
    void mismatchedMissingAndRepeatedPartsAreRefused(@TempDir Path dir) {
        List<String> l1 = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            Path p = dir.resolve("l1-" + k + ".json");
            assertThat(run(sweep("--shard", k + "/2", "--part", p.toString()))[0]).isEqualTo("0");
            l1.add(p.toString());
        }
        Path l2 = dir.resolve("l2-2.json");
        assertThat(run(sweep("--criterion", "l2", "--shard", "2/2", "--part", l2.toString()))[0]).isEqualTo("0");
        String csv = dir.resolve("m.csv").toString();

        String[] r = run(List.of("sensitivity", "merge", l1.get(0), l2.toString(), "--csv", csv, "--no-cache"));
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("cannot merge l2-2.json with l1-1.json").contains("criterion (L1 vs L2)");

        r = run(List.of("sensitivity", "merge", l1.get(1), "--csv", csv, "--no-cache"));
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("missing part 1/2");

        r = run(List.of("sensitivity", "merge", l1.get(0), l1.get(0), l1.get(1), "--csv", csv, "--no-cache"));
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("part 1/2 given twice");
        assertThat(Path.of(csv)).doesNotExist();

        for (String bad : new String[] {"0/3", "4/3", "x/3", "3"}) {
            r = run(sweep("--shard", bad, "--part", dir.resolve("p.json").toString()));
            assertThat(r[0]).as(bad).isEqualTo("2");
            assertThat(r[2]).contains("--shard");
        }
        assertThat(run(sweep("--shard", "1/2"))[2]).contains("--part");
    }

    @Test
    void settingsNameTheirFirstDifference() {
        SensitivitySettings a = new SensitivitySettings("aaaaaaaaaaaaaaaa", "data1", "top1", "L1", new double[] {0.5});
        assertThat(a.difference(new SensitivitySettings("bbbbbbbbbbbbbbbb", "data1", "top1", "L1", new double[] {0.5})))
                .startsWith("model (SHA-256 aaaaaaaaaaaa… vs bbbbbbbbbbbb…");
        assertThat(a.difference(new SensitivitySettings("aaaaaaaaaaaaaaaa", "data1", "top1", "L1", new double[] {0.4})))
                .startsWith("ratios");
        assertThat(a.difference(new SensitivitySettings("aaaaaaaaaaaaaaaa", "data1", "top1", "L1", new double[] {0.5})))
                .isNull();
        assertThatThrownBy(() -> SensitivityParts.merge(List.of(), List.of())).hasMessageContaining("no parts");
    }
}
