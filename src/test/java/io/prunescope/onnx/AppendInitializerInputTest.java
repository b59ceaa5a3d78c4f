package io.prunescope.onnx;

import io.prunescope.model.DataType;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.InferenceSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The edit that gives a bias-less Conv a bias (used by training-free recovery). */
class AppendInitializerInputTest {

    private static final Path MODEL = Path.of("assets/models/fashion-resnet.onnx");
    private static OnnxDocument doc;
    private static Node stem;

    @BeforeAll
    static void read() throws Exception {
        assumeTrue(Files.exists(MODEL), "Fashion sample not in assets/");
        doc = new OnnxReader().read(MODEL);
        stem = doc.model().graph().findNode("/stem/stem.0/Conv").orElseThrow();
        assertThat(stem.inputs()).hasSize(2);
    }

    private static float[] stemOutput(byte[] model, FloatTensor x) {
        ModelEdit tap = new ModelEdit().addOutput(stem.output(0));
        try (InferenceSession s = InferenceSession.open(new OnnxWriter().toBytes(readBack(model), tap))) {
            return s.run(Map.of("input", x), Set.of(stem.output(0))).get(stem.output(0)).data();
        }
    }

    private static OnnxDocument readBack(byte[] bytes) {
        try {
            return new OnnxReader().read(bytes);
        } catch (ModelLoadException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anAppendedBiasShiftsEachOutputChannel() {
        float[] bias = new float[16];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = i * 0.5f;
        }
        byte[] edited = new OnnxWriter().toBytes(doc, new ModelEdit().appendInitializerInput(stem.index(),
                Tensor.ofFloats("stem_bias_added", new long[] {16}, bias, DataType.FLOAT)));
        Node back = readBack(edited).model().graph().node(stem.index());
        assertThat(back.inputs()).containsExactly("input", "stem.0.weight", "stem_bias_added");
        float[] data = new float[2 * 28 * 28];
        Random r = new Random(3);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextGaussian();
        }
        FloatTensor x = new FloatTensor(data, new long[] {2, 1, 28, 28});
        float[] before = stemOutput(new OnnxWriter().toBytes(doc, new ModelEdit()), x);
        float[] after = stemOutput(edited, x);
        int plane = 28 * 28;
        for (int i = 0; i < before.length; i++) {
            int channel = (i / plane) % 16;
            assertThat(after[i]).isCloseTo(before[i] + bias[channel], org.assertj.core.api.Assertions.within(1e-4f));
        }
    }

    @Test
    void aNameAlreadyInTheModelIsRefused() {
        ModelEdit e = new ModelEdit().appendInitializerInput(stem.index(),
                Tensor.ofFloats("stage1.conv1.weight", new long[] {16}, new float[16], DataType.FLOAT));
        assertThatThrownBy(() -> new OnnxWriter().toBytes(doc, e)).hasMessageContaining("already used");
        assertThatThrownBy(() -> new ModelEdit().appendInitializerInput(0, Tensor.ofFloats("a", new long[] {1},
                new float[1], DataType.FLOAT)).appendInitializerInput(0, Tensor.ofFloats("b", new long[] {1},
                new float[1], DataType.FLOAT))).isInstanceOf(IllegalArgumentException.class);
    }
}
