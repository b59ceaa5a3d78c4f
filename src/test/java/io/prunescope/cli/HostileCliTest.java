package io.prunescope.cli;

import io.prunescope.onnx.HostileModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 through the command line: each hostile or careless input ends with exit 2 (bad input) and a message
 * naming the cause, and the files the command read are byte for byte unchanged.
 */
class HostileCliTest {

    static final Path RESIDUAL = Path.of(PruneCommandTest.RESIDUAL);
    static final String FASHION = "assets/models/fashion-resnet.onnx";

    @TempDir
    Path dir;

    private static CliMainTest.Run run(String... args) {
        return CliMainTest.run(args);
    }

    private Path copyOfResidual() throws Exception {
        return Files.copy(RESIDUAL, dir.resolve("model.onnx"));
    }

    private static void assertBadInput(CliMainTest.Run r, String... fragments) {
        assertThat(r.code()).as(r.err() + r.out()).isEqualTo(2);
        assertThat(r.err()).contains("error: ").doesNotContain(".part").doesNotContain("Exception")
                .doesNotContain("onnxruntime:");
        for (String f : fragments) {
            assertThat(r.err()).contains(f);
        }
    }

    private long partFiles() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).count();
        }
    }

    // ------------------------------------------------------------------ inputs are never outputs (items 2, 3)

    @Test
    void savePlanOverTheInputModelIsRefusedAndTheModelKept() throws Exception {
        Path model = copyOfResidual();
        byte[] before = Files.readAllBytes(model);
        CliMainTest.Run r = run("prune", model.toString(), "-r", "0.5", "-o", dir.resolve("out.onnx").toString(),
                "--save-plan", model.toString(), "--no-verify");
        assertBadInput(r, "--save-plan", "the input model");
        assertThat(Files.readAllBytes(model)).isEqualTo(before);
        assertThat(dir.resolve("out.onnx")).doesNotExist();
    }

    @Test
    void savePlanOverTheOutputOfTheSameCommandIsRefused() throws Exception {
        Path model = copyOfResidual();
        Path out = dir.resolve("out.onnx");
        CliMainTest.Run r = run("prune", model.toString(), "-r", "0.5", "-o", out.toString(),
                "--save-plan", dir.resolve("sub/../out.onnx").toString(), "--no-verify");
        assertBadInput(r, "same file");
        assertThat(out).doesNotExist();
    }

    @Test
    void savePlanOverTheModelsExternalWeightsIsRefused() throws Exception {
        Path model = HostileModels.withExternalData(dir, "ext.onnx", "ext.bin");
        byte[] weights = Files.readAllBytes(dir.resolve("ext.bin"));
        CliMainTest.Run r = run("prune", model.toString(), "-r", "0.5", "-o", dir.resolve("out.onnx").toString(),
                "--save-plan", dir.resolve("ext.bin").toString(), "--no-verify");
        assertBadInput(r, "--save-plan", "ext.bin");
        assertThat(Files.readAllBytes(dir.resolve("ext.bin"))).isEqualTo(weights);
        assertThat(dir.resolve("out.onnx")).doesNotExist();
    }

    @Test
    void outputThroughASymbolicOrHardLinkToTheInputIsRefused() throws Exception {
        Path model = copyOfResidual();
        byte[] before = Files.readAllBytes(model);
        Path soft = Files.createSymbolicLink(dir.resolve("soft.onnx"), model);
        assertBadInput(run("prune", model.toString(), "-r", "0.5", "-o", soft.toString()), "the input model");
        Path hard = Files.createLink(dir.resolve("hard.onnx"), model);
        assertBadInput(run("prune", model.toString(), "-r", "0.5", "-o", hard.toString()), "the input model");
        assertThat(Files.readAllBytes(model)).isEqualTo(before);
    }

    @Test
    void budgetPruningOverTheInputIsRefusedBeforeAnyWork() throws Exception {
        Path model = copyOfResidual();
        byte[] before = Files.readAllBytes(model);
        long t0 = System.nanoTime();
        assertBadInput(run("prune", model.toString(), "--target-flops", "0.5", "-o", model.toString()),
                "-o", "the input model");
        assertBadInput(run("prune-target", model.toString(), "--target-flops", "0.5", "-o", model.toString()),
                "the input model");
        assertBadInput(run("prune-target", model.toString(), "--target-flops", "0.5",
                "-o", dir.resolve("out.onnx").toString(), "--plan-out", model.toString()), "--plan-out");
        assertThat((System.nanoTime() - t0) / 1e9).as("refused before the sensitivity sweep").isLessThan(30);
        assertThat(Files.readAllBytes(model)).isEqualTo(before);
    }

    @Test
    void otherCommandsGuardTheirOutputsToo() throws Exception {
        Path model = Files.copy(Path.of(FASHION), dir.resolve("fashion.onnx"));
        byte[] before = Files.readAllBytes(model);
        assertBadInput(run("sensitivity", model.toString(), "--data", "bundled", "--csv", model.toString()),
                "--csv", "the input model");
        Path same = dir.resolve("same.out");
        assertBadInput(run("compare-criteria", model.toString(), "--data", "bundled", "--csv", same.toString(),
                "--chart", same.toString()), "--chart", "same file");
        assertThat(Files.readAllBytes(model)).isEqualTo(before);
        assertThat(same).doesNotExist();
    }

    // ------------------------------------------------------------------ output paths (item 8)

    @Test
    void badOutputPathsSayWhichProblemTheyHave() throws Exception {
        Path model = copyOfResidual();
        assertBadInput(run("prune", model.toString(), "-r", "0.5", "-o", dir.toString(), "--no-verify"),
                "is a folder");
        assertBadInput(run("prune", model.toString(), "-r", "0.5", "-o", "", "--no-verify"), "empty");
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertBadInput(run("prune", model.toString(), "-r", "0.5", "-o", file.resolve("out.onnx").toString(),
                "--no-verify"), "is a file, not a folder");
        Path ro = Files.createDirectories(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertBadInput(run("prune", model.toString(), "-r", "0.5", "-o", ro.resolve("out.onnx").toString(),
                    "--no-verify"), "read-only", ro.toString());
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path keep = Files.writeString(dir.resolve("keep.onnx"), "precious");
        Files.setPosixFilePermissions(keep, PosixFilePermissions.fromString("r--r--r--"));
        assertBadInput(run("prune", model.toString(), "-r", "0.5", "-o", keep.toString(), "--no-verify"),
                "keep.onnx", "read-only");
        assertThat(keep).hasContent("precious");
        assertThat(partFiles()).isZero();
    }

    @Test
    void anExportGetsTheUsualPermissions() throws Exception {
        Path out = dir.resolve("out.onnx");
        CliMainTest.Run r = run("prune", copyOfResidual().toString(), "-r", "0.5", "-o", out.toString(),
                "--no-verify");
        assertThat(r.code()).as(r.err()).isZero();
        Path probe = Files.createFile(dir.resolve("probe"));
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(Files.getPosixFilePermissions(probe));
    }

    // ------------------------------------------------------------------ vague answers made clear (items 6, 7)

    @Test
    void hostileModelsAreBadInputNamingTheCause() throws Exception {
        String out = dir.resolve("out.onnx").toString();
        assertBadInput(run("prune", HostileModels.write(HostileModels.nanConvWeight(), dir.resolve("nan.onnx"))
                .toString(), "-r", "0.5", "-o", out), "tensor 'conv.weight'", "NaN");
        assertBadInput(run("prune", HostileModels.write(HostileModels.int8ConvWeight(), dir.resolve("i8.onnx"))
                .toString(), "-r", "0.5", "-o", out), "node 'conv'", "INT8");
        assertBadInput(run("prune", HostileModels.write(HostileModels.batchNormOfWrongWidth(),
                dir.resolve("bn.onnx")).toString(), "-r", "0.5", "-o", out), "node 'bn'");
        assertBadInput(run("prune", HostileModels.write(HostileModels.emptyOpType(), dir.resolve("e.onnx"))
                .toString(), "-r", "0.5", "-o", out), "empty operator type");
        assertBadInput(run("prune", HostileModels.write(HostileModels.duplicateInitializer(),
                dir.resolve("d.onnx")).toString(), "-r", "0.5", "-o", out), "two initializers named 'conv.bias'");
        assertBadInput(run("prune", HostileModels.externalDataIsTheModel(dir).toString(), "-r", "0.5", "-o", out),
                "the model file itself");
        assertThat(dir.resolve("out.onnx")).doesNotExist();
    }

    @Test
    void aCustomDomainOperatorIsNamedWithItsDomain() throws Exception {
        Path model = HostileModels.write(HostileModels.customDomainOp(), dir.resolve("custom.onnx"));
        CliMainTest.Run r = run("prune", model.toString(), "-r", "0.5", "-o", dir.resolve("out.onnx").toString(),
                "--input-shape", "input=1,3,8,8");
        assertBadInput(r, "FancyRelu", "com.example");
    }

    @Test
    void hardLinkedExternalDataIsBadInput() throws Exception {
        Path inside = Files.createDirectories(dir.resolve("in"));
        Path model = HostileModels.withExternalData(inside, "m.onnx", "w.bin");
        Path elsewhere = dir.resolve("elsewhere.bin");
        Files.move(inside.resolve("w.bin"), elsewhere);
        Files.createLink(inside.resolve("w.bin"), elsewhere);
        assertBadInput(run("analyze", model.toString()), "hard links", "w.bin");
    }

    @Test
    void aBinaryPlanAFifoModelAndAnOverflowingShapeAreNamed() throws Exception {
        Path model = copyOfResidual();
        String out = dir.resolve("out.onnx").toString();
        assertBadInput(run("prune", model.toString(), "--plan", model.toString(), "-o", out),
                "binary file, not JSON");
        Path fifo = dir.resolve("fifo.onnx");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertBadInput(run("prune", fifo.toString(), "-r", "0.5", "-o", out), "not a regular file");
        String input = new io.prunescope.onnx.OnnxReader().read(model).model().graph().inputs().get(0).name();
        assertBadInput(run("prune", model.toString(), "-r", "0.5", "-o", out, "--input-shape",
                input + "=4000000000,3,4000000000,4000000000"), "elements", input);
    }

    // ------------------------------------------------------------------ evaluate (item 9)

    private Path idx(String name, int[] dims, byte[] data) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {0, 0, 8, (byte) dims.length});
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }

    @Test
    void evaluateReportsBadDataAsExitTwo() throws Exception {
        Path images = idx("images", new int[] {2, 28, 28}, new byte[2 * 28 * 28]);
        Path labels = idx("labels", new int[] {2}, new byte[] {1, 2});
        assertBadInput(run("evaluate", FASHION, "--data", images.toString(), "--labels", images.toString()),
                "given as the label file", "swapped");
        Path png = Files.write(dir.resolve("labels.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        assertBadInput(run("evaluate", FASHION, "--data", images.toString(), "--labels", png.toString()),
                "PNG image");
        Path empty = idx("empty-images", new int[] {0, 28, 28}, new byte[0]);
        Path noLabels = idx("empty-labels", new int[] {0}, new byte[0]);
        assertBadInput(run("evaluate", FASHION, "--data", empty.toString(), "--labels", noLabels.toString()),
                "no samples");
        Path small = idx("small", new int[] {2, 20, 20}, new byte[2 * 20 * 20]);
        assertBadInput(run("evaluate", FASHION, "--data", small.toString(), "--labels", labels.toString()),
                "20×20", "28×28", "--resize");
        CliMainTest.Run resized = run("evaluate", FASHION, "--data", small.toString(), "--labels", labels.toString(),
                "--resize", "stretch");
        assertThat(resized.code()).as(resized.err()).isZero();
        assertThat(resized.out()).doesNotContain("NaN");
    }

    @Test
    void evaluateReadsPrunedThroughTheCheckedReader() throws Exception {
        Path external = HostileModels.externalized(Path.of(FASHION), dir, "pruned.onnx", "pruned.bin");
        CliMainTest.Run r = run("evaluate", FASHION, external.toString(), "--data", "bundled", "--limit", "32");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("pruned.onnx").contains("difference");
        Path elsewhere = dir.resolve("elsewhere.bin");
        Files.move(dir.resolve("pruned.bin"), elsewhere);
        Files.createLink(dir.resolve("pruned.bin"), elsewhere);
        assertBadInput(run("evaluate", FASHION, external.toString(), "--data", "bundled", "--limit", "32"),
                "hard links");
    }
}
