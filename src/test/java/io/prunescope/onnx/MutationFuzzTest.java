package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.prunescope.cli.CliMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 10: seeded structural mutations of real fixtures (dimensions, element types, names, links between nodes,
 * attribute values, external-data fields). Every mutant must load or be refused with a {@link ModelLoadException};
 * nothing else may be thrown, nothing may hang. A share of them also goes through {@code prune} on the command line,
 * which must end with exit 0 or 2 and write nothing but its {@code -o} file.
 */
class MutationFuzzTest {

    static final long SEED = 20261130L;
    static final int MUTANTS = 600;
    /** Every CLI_EVERY-th mutant also runs through the command line. */
    static final int CLI_EVERY = 6;

    @TempDir
    Path dir;

    private record Fixture(String name, ModelProto model, boolean external) {
    }

    private List<Fixture> fixtures() throws Exception {
        List<Fixture> f = new ArrayList<>();
        for (String name : List.of("residual", "concat", "grouped", "squeeze_excite")) {
            Path p = Path.of("src/test/resources/coupling/" + name + ".onnx");
            f.add(new Fixture(name, new OnnxReader().read(p).proto(), false));
        }
        f.add(new Fixture("classifier", HostileModels.classifier().build(), false));
        Path ext = Files.createDirectories(dir.resolve("fixture-ext"));
        Path model = HostileModels.withExternalData(ext, "m.onnx", "w.bin");
        f.add(new Fixture("classifier-external", ModelProto.parseFrom(Files.readAllBytes(model)), true));
        return f;
    }

    @Test
    void everyMutantLoadsOrIsRefusedCleanly() throws Exception {
        List<Fixture> fixtures = fixtures();
        ModelMutator mutator = new ModelMutator(SEED);
        java.util.Random pick = new java.util.Random(SEED + 1);
        int loaded = 0;
        int refused = 0;
        int cliRuns = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < MUTANTS; i++) {
            Fixture fx = fixtures.get(pick.nextInt(fixtures.size()));
            ModelProto.Builder m = fx.model().toBuilder();
            List<String> applied = new ArrayList<>();
            int count = 1 + pick.nextInt(3);
            for (int k = 0; k < count; k++) {
                applied.add(mutator.mutate(m));
            }
            String what = "mutant " + i + " of " + fx.name() + " (seed " + SEED + "): " + applied;
            Path caseDir = Files.createDirectories(dir.resolve("case" + i));
            if (fx.external()) {
                Files.copy(dir.resolve("fixture-ext/w.bin"), caseDir.resolve("w.bin"));
            }
            Path file = caseDir.resolve("m.onnx");
            Files.write(file, m.build().toByteArray());
            boolean ok = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    new OnnxReader().read(file);
                    return true;
                } catch (ModelLoadException e) {
                    assertThat(e.getMessage()).as(what).isNotBlank();
                    return false;
                } catch (Throwable t) {
                    throw new AssertionError(what + " threw " + t, t);
                }
            }, what);
            if (ok) {
                loaded++;
            } else {
                refused++;
            }
            if (i % CLI_EVERY == 0) {
                cliRuns++;
                pruneMustEndCleanly(caseDir, file, what);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("mutation fuzz: %d mutants (%d loaded, %d refused), %d through prune, %.1f s%n",
                MUTANTS, loaded, refused, cliRuns, seconds);
        assertThat(loaded + refused).isEqualTo(MUTANTS);
        // Both outcomes must occur, or the mutations are too weak (or too strong) to test anything.
        assertThat(loaded).isPositive();
        assertThat(refused).isPositive();
    }

    /** prune -r 0.3 on the mutant: exit 0 or 2 (never 1, never a hang), and no file but -o appears. */
    private static void pruneMustEndCleanly(Path caseDir, Path model, String what) throws Exception {
        Set<String> before = list(caseDir);
        Path out = caseDir.resolve("out.onnx");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliMain.execute(new String[] {"prune",
                model.toString(), "-r", "0.3", "-o", out.toString(), "--no-verify", "--no-fallback"},
                new PrintWriter(o), new PrintWriter(e)), what);
        assertThat(code).as(what + "\n" + e).isIn(0, 2);
        if (code == 2) {
            assertThat(e.toString()).as(what).startsWith("error: ");
        }
        Set<String> after = list(caseDir);
        after.removeAll(before);
        assertThat(after).as(what + ": files written").isSubsetOf(code == 0 ? Set.of("out.onnx") : Set.of());
        assertThat(list(caseDir.getParent()).stream().filter(n -> !n.startsWith("case") && !n.startsWith("fixture"))
                .collect(Collectors.toSet())).as(what + ": files outside the case folder").isEmpty();
    }

    private static Set<String> list(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
