package io.prunescope.onnx;

import io.prunescope.model.Model;
import io.prunescope.model.Tensor;
import io.prunescope.onnx.TestModels.WeightStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast paths of issue 13 (load ≤ onnx.load) give the same answers as the plain ones: a file's weights are read
 * without copying yet hold the file's bytes, a caller's array is not aliased, the SHA-256 that is computed in the
 * background equals the digest of the file, and the finite check on raw bits finds exactly what Float.isFinite finds.
 */
class ReaderSpeedPathsTest {

    @TempDir
    Path dir;

    @Test
    void aFileIsReadWithoutCopyingItsWeightsAndTheyHoldTheFilesBytes() throws Exception {
        byte[] bytes = TestModels.classifier(7, WeightStyle.INITIALIZER_RAW).build().toByteArray();
        Path file = dir.resolve("m.onnx");
        Files.write(file, bytes);
        Model fromFile = new OnnxReader().read(file).model();
        Model fromBytes = new OnnxReader().read(bytes).model();

        Tensor mapped = fromFile.graph().constants().get("conv.weight");
        Tensor reference = fromBytes.graph().constants().get("conv.weight");
        // aliased: a read-only view into the whole file's bytes, starting at the tensor's offset in the file; a copy
        // the parser made would be an array of its own, starting at 0
        assertThat(mapped.payload().isReadOnly()).isTrue();
        assertThat(mapped.payload().position()).isPositive();
        assertThat(mapped.toFloats()).containsExactly(reference.toFloats());
        assertThat(fromFile.sha256()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(fromBytes.sha256()).isEqualTo(fromFile.sha256());
    }

    @Test
    void theWarmUpModelIsAValidModelWithEveryNodeAndWarmUpRuns() throws Exception {
        Model m = new OnnxReader().read(WarmUpModel.bytes()).model();
        // conv, BatchNormalization, then the chain; the last tensor is the graph output
        assertThat(m.graph().nodes()).hasSize(2 + WarmUpModel.CHAIN);
        assertThat(m.graph().outputs().get(0).name()).isEqualTo("t" + WarmUpModel.CHAIN);
        OnnxReader.warmUp();
    }

    @Test
    void aCallersArrayIsCopiedNotAliased() throws Exception {
        byte[] bytes = TestModels.classifier(8, WeightStyle.INITIALIZER_RAW).build().toByteArray();
        Model model = new OnnxReader().read(bytes).model();
        float[] before = model.graph().constants().get("conv.weight").toFloats();
        java.util.Arrays.fill(bytes, (byte) 0x7f);
        assertThat(model.graph().constants().get("conv.weight").toFloats()).containsExactly(before);
    }

    @Test
    void finiteScanOnRawBitsAgreesWithFloatIsFinite() {
        Random r = new Random(13);
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xff800001)};
        float[] nearlySpecial = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, 0f, -0f};
        for (int trial = 0; trial < 400; trial++) {
            // short ones for every tail, long ones so that the 64-bit scan runs for a while
            int n = trial % 10 == 0 ? 1000 + r.nextInt(3000) : r.nextInt(40);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = r.nextInt(5) == 0 ? nearlySpecial[r.nextInt(nearlySpecial.length)] : (float) r.nextGaussian();
            }
            if (n > 0 && r.nextBoolean()) {
                v[r.nextInt(n)] = specials[r.nextInt(specials.length)];
            }
            int expected = -1;
            for (int i = 0; i < n && expected < 0; i++) {
                if (!Float.isFinite(v[i])) {
                    expected = i;
                }
            }
            ByteBuffer b = ByteBuffer.allocate(n * 4 + 8).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0x7f800000); // a non-finite value before the slice must not be seen
            b.asFloatBuffer().put(v);
            b.putInt(n * 4 + 4, 0x7f800000); // nor one after it
            b.position(4).limit(n * 4 + 4);
            // a tensor's payload is a view whose position is its offset in the file: scan from there, not from 0
            ByteBuffer view = trial % 2 == 0 ? b.slice().order(ByteOrder.LITTLE_ENDIAN) : b.asReadOnlyBuffer();
            assertThat(WeightChecks.firstNonFiniteFloat32(view))
                    .as("trial %d", trial).isEqualTo(expected);
        }
    }
}
