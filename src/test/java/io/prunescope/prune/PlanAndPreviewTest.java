package io.prunescope.prune;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Tensor;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.onnx.OnnxReader;
import io.prunescope.onnx.OnnxWriter;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plans: JSON round trip and refusals, preview numbers against hand-computed costs, fine-grained sparsity. */
class PlanAndPreviewTest {

    private final OnnxDocument doc = TestModels.read("src/test/resources/coupling/residual.onnx");
    private final ModelAnalysis analysis = TestModels.analyze(doc);
    private final PruneEngine engine = new PruneEngine(analysis);

    private PruningPlan plan() {
        return PruningPlan.empty(doc.model().sha256(), "residual.onnx");
    }

    @Test
    void previewOfHalvingTheInnerBranchConvMatchesHandComputedCosts() {
        // a1: Conv 16→16 3×3 on 16×16, no bias (BN follows). Halving its filters halves a1 and a2's input.
        PruningPlan p = plan().withLayer("/a1/a1.0/Conv",
                new LayerSetting(Granularity.FILTER, Criterion.L1, 0.5, false, 2, 4));
        Preview pv = new CostPreview(engine).compute(engine.decide(p));
        NodePreview a1 = pv.nodes().stream().filter(n -> n.node().displayName().equals("/a1/a1.0/Conv"))
                .findFirst().orElseThrow();
        NodePreview a2 = pv.nodes().stream().filter(n -> n.node().displayName().equals("/a2/Conv"))
                .findFirst().orElseThrow();
        assertThat(a1.paramsBefore()).isEqualTo(16 * 16 * 9);
        assertThat(a1.paramsAfter()).isEqualTo(8 * 16 * 9);
        assertThat(a1.macsAfter()).isEqualTo(8L * 16 * 9 * 16 * 16);
        // a2 has a bias of 16: weight 16×8×3×3 + 16.
        assertThat(a2.paramsAfter()).isEqualTo(16 * 8 * 9 + 16);
        assertThat(a2.macsAfter()).isEqualTo(16L * 8 * 9 * 16 * 16);
        // The BN after a1 keeps 8 of 16 channels: scale + bias = 16 params.
        NodePreview bn = pv.nodes().stream().filter(n -> n.node().displayName().equals("/a1/a1.1/BatchNormalization"))
                .findFirst().orElseThrow();
        assertThat(bn.paramsAfter()).isEqualTo(16);
        assertThat(pv.paramsBefore() - pv.paramsAfter()).isEqualTo((a1.paramsBefore() - a1.paramsAfter())
                + (a2.paramsBefore() - a2.paramsAfter()) + 16);
    }

    @Test
    void ratioZeroEverywhereChangesNoOutput() throws Exception {
        PruningPlan p = plan().withDefaults(new LayerSetting(Granularity.FILTER, Criterion.FPGM, 0.0, false, 2, 4));
        PruneDecision d = engine.decide(p);
        assertThat(d.removedChannels()).isEmpty();
        ModelEdit edit = new PrunedModelBuilder(engine).build(d, ExportKind.HARD);
        byte[] pruned = new OnnxWriter().toBytes(doc, edit);
        FloatTensor x = FloatTensor.of(new long[]{1, 3, 16, 16}, random(3 * 16 * 16));
        try (InferenceSession a = InferenceSession.open(doc.model().source());
             InferenceSession b = InferenceSession.open(pruned)) {
            assertThat(b.run(Map.of("input", x)).get("output").data())
                    .containsExactly(a.run(Map.of("input", x)).get("output").data());
        }
    }

    @Test
    void planJsonRoundTripsAndReplaysToTheSameDecision(@TempDir Path dir) throws Exception {
        PruningPlan p = plan().withRoundTo(4).withSeed(11)
                .withLayer("/stem/stem.0/Conv", new LayerSetting(Granularity.FILTER, Criterion.FPGM, 0.25, false, 2, 4))
                .withLayer("/a1/a1.0/Conv", new LayerSetting(Granularity.N_M, Criterion.L1, 0, false, 2, 4))
                .withLayer("/proj/proj.0/Conv", new LayerSetting(Granularity.KERNEL, Criterion.L2, 0.4, true, 2, 4));
        PruneDecision d = engine.decide(p);
        Path file = dir.resolve("plan.json");
        PlanJson.write(file, p, engine, d);
        PruningPlan back = PlanJson.read(file);
        assertThat(back).isEqualTo(p);
        PruneDecision replay = new PruneEngine(analysis).decide(back);
        assertThat(replay.removedChannels()).isEqualTo(d.removedChannels());
        assertThat(replay.fineZeros()).isEqualTo(d.fineZeros());
        assertThat(java.nio.file.Files.readString(file)).contains("\"removedOutputs\"").contains("\"seed\" : 11");
    }

    @Test
    void aPlanForAnotherModelIsRefusedWithAClearMessage() {
        PruningPlan other = new PruningPlan("0123456789abcdef", "yolov5n.onnx", LayerSetting.DEFAULT, Map.of(), 1, 0);
        assertThatThrownBy(() -> engine.decide(other)).isInstanceOf(PlanException.class)
                .hasMessageContaining("another model").hasMessageContaining("yolov5n.onnx");
    }

    @Test
    void invalidRequestsNameTheLayer() {
        assertThatThrownBy(() -> engine.decide(plan().withLayer("/a1/a1.0/Conv",
                new LayerSetting(Granularity.FILTER, Criterion.L1, 1.5, false, 2, 4))))
                .hasMessageContaining("/a1/a1.0/Conv").hasMessageContaining("1.5");
        assertThatThrownBy(() -> engine.decide(plan().withLayer("nope",
                new LayerSetting(Granularity.FILTER, Criterion.L1, 0.5, false, 2, 4))))
                .hasMessageContaining("'nope'");
        assertThatThrownBy(() -> engine.decide(plan().withLayer("/fc/Gemm",
                new LayerSetting(Granularity.KERNEL, Criterion.L1, 0.5, false, 2, 4))))
                .hasMessageContaining("/fc/Gemm").hasMessageContaining("fully connected");
        assertThatThrownBy(() -> engine.decide(plan().withLayer("/a1/a1.0/Conv",
                new LayerSetting(Granularity.N_M, Criterion.L1, 0, false, 4, 4))))
                .hasMessageContaining("N < M");
        assertThatThrownBy(() -> PlanJson.fromJson("{\"format\":\"prunescope-plan/1\",\"defaults\":"
                + "{\"granularity\":\"bogus\"}}")).hasMessageContaining("bogus");
    }

    @Test
    void bnScaleIsUnavailableWhereBatchNormWasFolded() {
        // a2 has no BN after it: a plan asking BN scale there reports it instead of inventing scores.
        PruningPlan p = plan().withLayer("/a1/a1.0/Conv",
                new LayerSetting(Granularity.FILTER, Criterion.BN_SCALE, 0.5, false, 2, 4));
        assertThat(engine.decide(p).removedChannels()).isNotEmpty();
        PruningPlan folded = plan().withLayer("/fc/Gemm",
                new LayerSetting(Granularity.NEURON, Criterion.BN_SCALE, 0.5, false, 2, 4))
                .withLayer("/proj/proj.0/Conv", new LayerSetting(Granularity.CHANNEL, Criterion.BN_SCALE, 0.5,
                        false, 2, 4));
        PruneDecision d = engine.decide(folded);
        assertThat(d.notes()).anyMatch(n -> n.contains("BatchNormalization") || n.contains("BN"));
    }

    @Test
    void fineGrainedSparsityEqualsThePlanInTheExportedWeights() throws Exception {
        PruningPlan p = plan()
                .withLayer("/a1/a1.0/Conv", new LayerSetting(Granularity.N_M, Criterion.L1, 0, false, 2, 4))
                .withLayer("/b1/b1.0/Conv", new LayerSetting(Granularity.STRIPE, Criterion.L2, 0.5, false, 2, 4))
                .withLayer("/a2/Conv", new LayerSetting(Granularity.WEIGHT, Criterion.L1, 0.7, false, 2, 4))
                .withLayer("/b2/Conv", new LayerSetting(Granularity.SHAPE, Criterion.L1, 0.25, false, 2, 4));
        ExportProofSupport.prove(doc, analysis, p);
        byte[] hard = new OnnxWriter().toBytes(doc, new PrunedModelBuilder(engine).build(engine.decide(p),
                ExportKind.HARD));
        var g = new OnnxReader().read(hard).model().graph();
        // 2:4 on 16×16×3×3: every run of 4 along the 144-long reduction dim keeps 2 → exactly half are zero.
        assertThat(zeros(g.constants().get("a1.0.weight"))).isEqualTo(16 * 144 / 2);
        // weight-wise 70% of 2304 = floor(1612.8) = 1612 zeros.
        assertThat(zeros(g.constants().get("a2.weight"))).isEqualTo(1612);
        // stripes: 16 filters × 9 positions = 144 stripes of 16; half → 72 × 16.
        assertThat(zeros(g.constants().get("b1.0.weight"))).isEqualTo(72 * 16);
        // shape-wise: 16 × 9 = 144 columns of 16 filters; a quarter → 36 × 16.
        assertThat(zeros(g.constants().get("b2.weight"))).isEqualTo(36 * 16);
        PrunableLayer a1 = engine.layer("/a1/a1.0/Conv").orElseThrow();
        float[] w = g.constants().get("a1.0.weight").toFloats();
        for (int o = 0; o < 16; o++) {
            for (int k = 0; k < 144; k += 4) {
                int nz = 0;
                for (int j = 0; j < 4; j++) {
                    nz += w[o * 144 + k + j] != 0 ? 1 : 0;
                }
                assertThat(nz).as("filter %d group %d of %s", o, k / 4, a1.name()).isEqualTo(2);
            }
        }
    }

    @Test
    void protectedLayerKeepsItsFiltersWhileOthersShrink() {
        PruningPlan p = plan().withDefaults(new LayerSetting(Granularity.FILTER, Criterion.L1, 0.5, false, 2, 4))
                .withLayer("/a1/a1.0/Conv", LayerSetting.DEFAULT.withProtect(true));
        PruneDecision d = engine.decide(p);
        assertThat(d.removedCount(engine.layer("/a1/a1.0/Conv").orElseThrow().node().output(0))).isZero();
        assertThat(d.removedCount(engine.layer("/b1/b1.0/Conv").orElseThrow().node().output(0))).isEqualTo(8);
    }

    @Test
    void roundToKeepsChannelCountsAtMultiples() {
        PruningPlan p = plan().withRoundTo(8)
                .withLayer("/b1/b1.0/Conv", new LayerSetting(Granularity.FILTER, Criterion.L1, 0.3, false, 2, 4));
        PruneDecision d = engine.decide(p);
        // 16 filters, 30% → floor(4.8) = 4 pruned, 12 kept → rounded up to 16: nothing pruned.
        assertThat(d.removedCount(engine.layer("/b1/b1.0/Conv").orElseThrow().node().output(0))).isZero();
        PruneDecision d2 = engine.decide(p.withLayer("/b1/b1.0/Conv",
                new LayerSetting(Granularity.FILTER, Criterion.L1, 0.6, false, 2, 4)));
        // 60% → 9 pruned, 7 kept → rounded up to 8.
        assertThat(d2.removedCount(engine.layer("/b1/b1.0/Conv").orElseThrow().node().output(0))).isEqualTo(8);
    }

    @Test
    void blockPruningRemovesResidualBranchesAndIsProven() throws Exception {
        assertThat(engine.residualBlocks()).hasSize(2);
        PruningPlan p = plan()
                .withLayer("/a1/a1.0/Conv", new LayerSetting(Granularity.LAYER, Criterion.L1, 0.5, false, 2, 4))
                .withLayer("/a2/Conv", new LayerSetting(Granularity.LAYER, Criterion.L1, 0.5, false, 2, 4))
                .withLayer("/b1/b1.0/Conv", new LayerSetting(Granularity.LAYER, Criterion.L1, 0.5, false, 2, 4))
                .withLayer("/b2/Conv", new LayerSetting(Granularity.LAYER, Criterion.L1, 0.5, false, 2, 4));
        PruneDecision d = engine.decide(p);
        // Half of two blocks: one branch (conv, BN, relu, conv) and its Add go.
        assertThat(d.removedNodes()).hasSize(5);
        VerificationReport r = ExportProofSupport.prove(doc, analysis, p);
        assertThat(r.preview().paramsAfter()).isLessThan(r.preview().paramsBefore());
        // The removed branch's weights leave the file too.
        byte[] hard = new OnnxWriter().toBytes(doc, new PrunedModelBuilder(engine).build(d, ExportKind.HARD));
        var g = new OnnxReader().read(hard).model().graph();
        long weights = g.constants().values().stream().filter(t -> t.type().isFloatingPoint())
                .mapToLong(Tensor::numel).sum();
        long before = doc.model().graph().constants().values().stream().filter(t -> t.type().isFloatingPoint())
                .mapToLong(Tensor::numel).sum();
        assertThat(before - weights).isGreaterThanOrEqualTo(2L * 16 * 16 * 9);
    }

    @Test
    void softExportComputesWhatTheHardExportComputes() throws Exception {
        PruningPlan p = plan().withDefaults(new LayerSetting(Granularity.FILTER, Criterion.FPGM, 0.5, false, 2, 4));
        PruneDecision d = engine.decide(p);
        PrunedModelBuilder b = new PrunedModelBuilder(engine);
        byte[] hard = new OnnxWriter().toBytes(doc, b.build(d, ExportKind.HARD));
        byte[] soft = new OnnxWriter().toBytes(doc, b.build(d, ExportKind.SOFT));
        var softGraph = new OnnxReader().read(soft).model().graph();
        assertThat(softGraph.constants().get("a1.0.weight").dims()).containsExactly(16, 16, 3, 3);
        FloatTensor x = FloatTensor.of(new long[]{1, 3, 16, 16}, random(3 * 16 * 16));
        try (InferenceSession h = InferenceSession.open(hard); InferenceSession s = InferenceSession.open(soft)) {
            OutputComparison comparison = new OutputComparison(analysis.model().graph(), java.util.Set.of());
            comparison.add(h.run(Map.of("input", x)), s.run(Map.of("input", x)));
            assertThat(comparison.checks().get(0).relativeError()).isLessThan(1e-5);
        }
    }

    @Test
    void exportCarriesProvenanceAndNeverOverwritesTheInput(@TempDir Path dir) throws Exception {
        PruningPlan p = plan().withDefaults(new LayerSetting(Granularity.FILTER, Criterion.L2, 0.3, false, 2, 4));
        ModelExporter exporter = new ModelExporter(engine, doc);
        Path out = dir.resolve("pruned.onnx");
        exporter.write(p, engine.decide(p), ExportKind.HARD, out);
        var m = new OnnxReader().read(out).model();
        assertThat(m.metadata()).containsEntry("prunescope.source_sha256", doc.model().sha256())
                .containsEntry("prunescope.plan_digest", PlanJson.digest(p)).containsKey("prunescope.tool");
        assertThat(m.opsets()).isEqualTo(doc.model().opsets());
        assertThatThrownBy(() -> exporter.write(p, engine.decide(p), ExportKind.HARD, doc.model().source()))
                .hasMessageContaining("overwrite");
    }

    private static long zeros(Tensor t) {
        long z = 0;
        for (float v : t.toFloats()) {
            z += v == 0f ? 1 : 0;
        }
        return z;
    }

    private static float[] random(int n) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextDouble();
        }
        return v;
    }
}
