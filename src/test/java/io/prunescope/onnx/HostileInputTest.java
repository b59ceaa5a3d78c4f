package io.prunescope.onnx;

import io.prunescope.onnx.ModelLoadException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Issue 10: models that used to load silently, crash or read outside their folder are refused at load, by name. */
class HostileInputTest {

    @TempDir
    Path dir;

    private static ModelLoadException refused(Path f) {
        ModelLoadException e = catchThrowableOfType(ModelLoadException.class, () -> new OnnxReader().read(f));
        assertThat(e).as("expected a refusal of " + f).isNotNull();
        return e;
    }

    private ModelLoadException refused(ai.onnx.proto.OnnxMl.ModelProto.Builder m) throws Exception {
        return refused(HostileModels.write(m, dir.resolve("m.onnx")));
    }

    @Test
    void externalDataThroughAHardLinkIsRefused() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path inside = Files.createDirectories(dir.resolve("model"));
        Path model = HostileModels.withExternalData(inside, "m.onnx", "weights.bin");
        assertThat(new OnnxReader().read(model).externalDataFiles()).hasSize(1);
        // The weights file becomes another name of a file elsewhere: toRealPath cannot see that.
        Path secret = outside.resolve("secret.bin");
        Files.move(inside.resolve("weights.bin"), secret);
        Files.createLink(inside.resolve("weights.bin"), secret);
        ModelLoadException e = refused(model);
        assertThat(e.problem()).isEqualTo(Problem.UNSAFE_EXTERNAL_DATA);
        assertThat(e.getMessage()).contains("weights.bin").contains("2 hard links").contains("conv.weight");
    }

    @Test
    void externalDataPointingAtTheModelItselfIsRefused() throws Exception {
        ModelLoadException e = refused(HostileModels.externalDataIsTheModel(dir));
        assertThat(e.problem()).isEqualTo(Problem.UNSAFE_EXTERNAL_DATA);
        assertThat(e.getMessage()).contains("conv.weight").contains("the model file itself");
    }

    @Test
    void aGzipBombIsRefusedWhileUnpackingWithTheLimitNamed() throws Exception {
        Path bomb = dir.resolve("bomb.onnx.gz");
        byte[] zeros = new byte[1 << 20];
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        }
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        ReadLimits limits = ReadLimits.DEFAULT.withMaxUnpackedBytes(8L << 20);
        ModelLoadException e = catchThrowableOfType(ModelLoadException.class,
                () -> new OnnxReader(limits).read(bomb));
        assertThat(e.problem()).isEqualTo(Problem.TOO_LARGE);
        assertThat(e.getMessage()).contains("bomb.onnx.gz").contains("8,388,608 bytes");
    }

    @Test
    void aRealGzipModelStillLoadsUnderTheDefaultLimit() throws Exception {
        Path gz = dir.resolve("ok.onnx.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(HostileModels.classifier().build().toByteArray());
        }
        assertThat(new OnnxReader().read(gz).model().graph().nodes()).hasSize(6);
    }

    @Test
    void aFifoIsNotReadAsAModel() throws Exception {
        Path fifo = dir.resolve("pipe.onnx");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor()).isZero();
        ModelLoadException e = refused(fifo);
        assertThat(e.getMessage()).contains("not a regular file");
        ModelLoadException dev = refused(Path.of("/dev/zero"));
        assertThat(dev.getMessage()).contains("not a regular file");
    }

    @Test
    void anInt8ConvWeightIsRefusedNamingTheNode() throws Exception {
        ModelLoadException e = refused(HostileModels.int8ConvWeight());
        assertThat(e.problem()).isEqualTo(Problem.BAD_TENSOR);
        assertThat(e.getMessage()).contains("node 'conv'").contains("conv.weight").contains("INT8");
    }

    @Test
    void aStringGemmWeightIsRefusedNamingTheNode() throws Exception {
        ModelLoadException e = refused(HostileModels.stringGemmWeight());
        assertThat(e.getMessage()).contains("node 'fc'").contains("fc.weight").contains("STRING");
    }

    @Test
    void batchNormVectorsMustAgreeWithEachOtherAndTheChannels() throws Exception {
        ModelLoadException shortMean = refused(HostileModels.shortBatchNormMean());
        assertThat(shortMean.getMessage()).contains("node 'bn'").contains("bn.mean").contains("5 values")
                .contains("8");
        ModelLoadException narrow = refused(HostileModels.batchNormOfWrongWidth());
        assertThat(narrow.getMessage()).contains("node 'bn'").contains("5 values per parameter")
                .contains("'conv' with 8 channels");
    }

    @Test
    void nanWeightsNameTheTensor() throws Exception {
        ModelLoadException e = refused(HostileModels.nanConvWeight());
        assertThat(e.getMessage()).contains("tensor 'conv.weight'").contains("NaN").contains("element 7");
    }

    @Test
    void anEmptyOpTypeAndADuplicateInitializerAreRefused() throws Exception {
        ModelLoadException empty = refused(HostileModels.emptyOpType());
        assertThat(empty.getMessage()).contains("'relu'").contains("empty operator type");
        ModelLoadException dup = refused(HostileModels.duplicateInitializer());
        assertThat(dup.getMessage()).contains("two initializers named 'conv.bias'");
    }

    @Test
    void theUntouchedClassifierStillLoads() throws Exception {
        assertThat(new OnnxReader().read(HostileModels.write(HostileModels.classifier(), dir.resolve("ok.onnx")))
                .model().graph().constants()).containsKey("conv.weight");
    }
}
