package io.prunescope.prune;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Tensor;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import io.prunescope.testing.TestModels;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The proof's tolerance on a segmentation-style model whose sigmoid map is about 1e-6 everywhere
 * ({@code src/tools/make_proof_fixtures.py}): a right export is proven, a wrong one is refused.
 */
class ProofToleranceTest {

    private final OnnxDocument doc = TestModels.read("src/test/resources/proof/sigmoid_seg.onnx");
    private final ModelAnalysis analysis = TestModels.analyze(doc);
    private final PruneEngine engine = new PruneEngine(analysis);
    private final PruningPlan plan = PruningPlan.empty(doc.model().sha256(), "sigmoid_seg")
            .withDefaults(new LayerSetting(Granularity.FILTER, Criterion.FPGM, 0.3, false, 2, 4));

    @Test
    void fpgmExportOfTheNearZeroSigmoidMapIsProven() {
        VerificationReport r = new ExportVerifier(engine, doc).verify(plan, engine.decide(plan), 4, 1,
                CancellationToken.NEVER, Progress.NONE);
        assertThat(r.passed()).as(r.summary()).isTrue();
        OutputCheck mask = check(r, "mask");
        // The map really is near zero: a tolerance relative to its own largest value would be ~1e-10.
        assertThat(mask.maxReference()).isLessThan(1e-4);
        assertThat(mask.tolerance()).isGreaterThanOrEqualTo(OutputTolerance.RTOL);
        // The old bound, 1e-4 of max|oracle|, refused this right export (ONNX Runtime's sigmoid is accurate to
        // ~1e-7 absolute, which is ~10 % of this map).
        assertThat(mask.relativeError()).isGreaterThan(1e-4);
        // ...and the head conv's output (the logits the sigmoid squashes) is compared too, relative to its magnitude.
        OutputCheck logits = r.outputs().stream().filter(OutputCheck::head).findFirst().orElseThrow();
        assertThat(logits.maxReference()).isGreaterThan(5);
        assertThat(logits.relativeError()).isLessThan(1e-5);
    }

    @Test
    void aWrongExportIsRefusedEvenWhereTheSigmoidSaturates() {
        // The hard model's decoder is 2 % off: invisible in a map of 1e-6, plain in its logits.
        String decoder = engine.layer("/dec/dec.0/Conv").orElseThrow().node().input(1);
        ExportVerifier faulty = new ExportVerifier(engine, doc, (decision, kind) -> {
            ModelEdit edit = new PrunedModelBuilder(engine).build(decision, kind);
            return kind == ExportKind.HARD ? scaled(edit, decoder, 1.02f) : edit;
        });
        VerificationReport r = faulty.verify(plan, engine.decide(plan), 4, 1, CancellationToken.NEVER, Progress.NONE);
        assertThat(r.passed()).as(r.summary()).isFalse();
        assertThat(check(r, "mask").passed()).isTrue();
        assertThat(r.outputs().stream().filter(OutputCheck::head).allMatch(OutputCheck::passed)).isFalse();
        assertThat(r.problems()).anyMatch(p -> p.contains("head layer output '/head/Conv_output_0'"));
    }

    @Test
    void toleranceIsAbsoluteAtTheSigmoidsRangeAndRelativeElsewhere() {
        var graph = analysis.model().graph();
        assertThat(OutputTolerance.nominalRange(graph, "mask")).isEqualTo(1.0);
        OutputTolerance t = OutputTolerance.of(graph, "mask");
        // The case: max|Δ| 1.8e-7 on an output whose largest value is 5.5e-7 (0.33 relative).
        assertThat(new OutputCheck("mask", false, 1.8e-7, 5.5e-7, t.bound(5.5e-7)).passed()).isTrue();
        assertThat(new OutputCheck("mask", false, 1.8e-7, 5.5e-7, t.bound(5.5e-7)).relativeError())
                .isCloseTo(0.33, within(0.01));
        assertThat(new OutputCheck("mask", false, 0.01, 0.9, t.bound(0.9)).passed()).isFalse();
        String logits = "/head/Conv_output_0";
        assertThat(OutputTolerance.nominalRange(graph, logits)).isZero();
        assertThat(OutputTolerance.of(graph, logits).bound(20.0)).isCloseTo(2e-3, within(1e-12));
    }

    @Test
    void calibrationSamplesAreCutFromTheBatchAndCheckedAgainstTheBoundShape() {
        long[] bound = {1, 3, 32, 32};
        float[] data = new float[5 * 3 * 32 * 32];
        for (int i = 0; i < data.length; i++) {
            data[i] = i / (3 * 32 * 32);
        }
        ProofInputs in = ProofInputs.calibration(Map.of("input", bound),
                Map.of("input", new FloatTensor(data, new long[]{5, 3, 32, 32})), 3);
        assertThat(in.size()).isEqualTo(3);
        assertThat(in.samples().get(2).get("input").shape()).containsExactly(bound);
        assertThat(in.samples().get(2).get("input").data()[0]).isEqualTo(2f);
        assertThat(in.description()).isEqualTo("3 calibration sample(s)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProofInputs.calibration(Map.of("input", bound),
                        Map.of("input", FloatTensor.zeros(5, 1, 32, 32)), 3))
                .hasMessageContaining("bound to [1, 3, 32, 32]");
    }

    @Test
    void syntheticImagesAlternatePixelAndNormalisedScalesAndAreSmooth() {
        Map<String, long[]> shapes = Map.of("input", new long[]{1, 3, 32, 32});
        ProofInputs in = ProofInputs.synthetic(shapes, 2, 5);
        float[] pixels = in.samples().get(0).get("input").data();
        float[] normalised = in.samples().get(1).get("input").data();
        assertThat(min(pixels)).isGreaterThanOrEqualTo(0f);
        assertThat(-min(negated(pixels))).isLessThanOrEqualTo(1f);
        double mean = 0;
        for (float v : normalised) {
            mean += v / normalised.length;
        }
        assertThat(mean).isBetween(-1.0, 1.0);
        assertThat(min(normalised)).isLessThan(0f);
        // Smooth: neighbouring pixels differ far less than independent uniform noise would (mean |Δ| 1/3).
        double step = 0;
        for (int x = 0; x + 1 < 32; x++) {
            step += Math.abs(pixels[x + 1] - pixels[x]) / 31;
        }
        assertThat(step).isLessThan(0.1);
    }

    private static float min(float[] v) {
        float m = Float.MAX_VALUE;
        for (float x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static float[] negated(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }

    private static OutputCheck check(VerificationReport r, String name) {
        return r.outputs().stream().filter(c -> c.tensor().equals(name) && !c.head()).findFirst().orElseThrow();
    }

    /** The edit with the replaced weight {@code name} multiplied by {@code factor}. */
    static ModelEdit scaled(ModelEdit edit, String name, float factor) {
        Tensor t = edit.replacedTensors().get(name);
        float[] v = t.toFloats();
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
        return edit.replaceTensor(Tensor.ofFloats(t.name(), t.dims(), v, t.type()));
    }
}
