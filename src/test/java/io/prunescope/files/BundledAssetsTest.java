package io.prunescope.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The bundled sample is found from any working directory, and only a folder holding our marker counts. */
class BundledAssetsTest {

    private static final Path PROJECT_ASSETS = Path.of("assets").toAbsolutePath();

    @Test
    void foundFromTheCodeLocationWhenTheWorkingDirectoryHasNoAssets(@TempDir Path elsewhere) {
        assumeTrue(Files.isRegularFile(PROJECT_ASSETS.resolve(BundledAssets.MARKER)), "sample not in assets/");
        Path classes = BundledAssets.codeLocation();
        assertThat(classes).isNotNull();
        assertThat(BundledAssets.find(elsewhere, classes)).contains(PROJECT_ASSETS);
        // as from a jar in target/: the jar's folder and its parents are searched
        assertThat(BundledAssets.find(elsewhere, Path.of("target", "prunescope.jar").toAbsolutePath()))
                .contains(PROJECT_ASSETS);
    }

    @Test
    void anAssetsFolderWithoutOurSampleIsNotTakenForOurs(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("assets/models"));
        Files.writeString(dir.resolve("assets/models/other.onnx"), "x");
        assertThat(BundledAssets.find(dir, dir.resolve("lib/app/app.jar"))).isEmpty();

        Files.writeString(dir.resolve("assets").resolve(BundledAssets.MARKER), "x");
        assertThat(BundledAssets.find(dir.resolve("lib"), dir.resolve("lib/app/app.jar"))).contains(dir.resolve("assets"));
    }

    @Test
    void theWorkingDirectoryComesBeforeTheCodeLocation(@TempDir Path dir) throws Exception {
        Path mine = dir.resolve("assets");
        Files.createDirectories(mine.resolve("models"));
        Files.writeString(mine.resolve(BundledAssets.MARKER), "x");
        assertThat(BundledAssets.find(dir, BundledAssets.codeLocation())).contains(mine);
    }

    /** The user's report: {@code --data bundled} failed outside the project root. Run the CLI in another folder. */
    @Test
    void evaluateWithBundledDataWorksFromAnotherWorkingDirectory(@TempDir Path elsewhere) throws Exception {
        assumeTrue(Files.isRegularFile(PROJECT_ASSETS.resolve(BundledAssets.MARKER)), "sample not in assets/");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = elsewhere.resolve("out.txt");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "io.prunescope.cli.CliMain", "evaluate", PROJECT_ASSETS.resolve(BundledAssets.MARKER).toString(),
                "--data", "bundled", "--limit", "50", "--threads", "1"))
                .directory(elsewhere.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("CLI finished").isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("50").contains("top-1");
        assertThat(new File(elsewhere.toFile(), "assets")).doesNotExist();
    }
}
