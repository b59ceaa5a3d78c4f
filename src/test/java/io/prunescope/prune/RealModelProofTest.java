package io.prunescope.prune;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.dependency.ChannelGroup;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export proof (DESIGN §6) on real structures: ResNet-18, MobileNetV2, YOLOv5n with BN folded and with BN kept,
 * and the trained Fashion-MNIST sample; filter pruning at 30% and 50% with L1, L2 and FPGM, channel pruning, and a
 * mixed per-layer plan. Structure-only fixtures get seeded random weights first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealModelProofTest {

    private final Map<String, OnnxDocument> docs = new HashMap<>();
    private final Map<String, ModelAnalysis> analyses = new HashMap<>();

    private static final Map<String, String> MODELS = Map.of(
            "resnet18", "src/test/resources/fixtures/resnet18.onnx.gz",
            "mobilenetv2", "src/test/resources/fixtures/mobilenetv2.onnx.gz",
            "yolov5n", "src/test/resources/fixtures/yolov5n-random.onnx",
            "yolov5n-bn", "src/test/resources/fixtures/yolov5n-bn.onnx.gz",
            "fashion", "assets/models/fashion-resnet.onnx");

    private OnnxDocument doc(String model) {
        return docs.computeIfAbsent(model, m -> {
            OnnxDocument d = TestModels.read(MODELS.get(m));
            return m.equals("resnet18") || m.equals("mobilenetv2") ? TestModels.withRandomWeights(d, 42) : d;
        });
    }

    private ModelAnalysis analysis(String model) {
        return analyses.computeIfAbsent(model, m -> TestModels.analyze(doc(m)));
    }

    static Stream<Arguments> filterPlans() {
        List<Arguments> out = new ArrayList<>();
        for (String m : List.of("resnet18", "mobilenetv2", "yolov5n", "yolov5n-bn", "fashion")) {
            for (Criterion c : List.of(Criterion.L1, Criterion.L2, Criterion.FPGM)) {
                for (double r : new double[]{0.3, 0.5}) {
                    out.add(Arguments.of(m, c, r));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} filter {1} {2}")
    @MethodSource("filterPlans")
    void filterPruningIsProvenAndRemovesThePlannedCounts(String model, Criterion criterion, double ratio) {
        OnnxDocument d = doc(model);
        ModelAnalysis a = analysis(model);
        PruningPlan plan = PruningPlan.empty(d.model().sha256(), model)
                .withDefaults(new LayerSetting(Granularity.FILTER, criterion, ratio, false, 2, 4));
        VerificationReport r = ExportProofSupport.prove(d, a, plan);
        PruneEngine engine = new PruneEngine(a);
        PruneDecision decision = engine.decide(plan);
        int groupsPruned = 0;
        for (ChannelGroup g : engine.dependencies().groups()) {
            int prunable = g.prunableUnits().size();
            int expected = prunable == 0 ? 0 : Math.min(prunable - 1, (int) Math.floor(ratio * prunable + 1e-9));
            boolean requested = g.producers().stream().anyMatch(p -> engine.layer(p.displayName()).isPresent());
            int removed = decision.removedUnits().getOrDefault(g.id(), new int[0]).length;
            if (requested && prunable > 0) {
                assertThat(removed).as("group %s", g).isEqualTo(expected);
                groupsPruned += removed > 0 ? 1 : 0;
            }
        }
        assertThat(groupsPruned).isGreaterThan(3);
        assertThat(r.preview().macsAfter()).isLessThan(r.preview().macsBefore());
    }

    @ParameterizedTest(name = "{0} channel")
    @MethodSource("models")
    void channelPruningIsProven(String model) {
        OnnxDocument d = doc(model);
        PruningPlan plan = PruningPlan.empty(d.model().sha256(), model)
                .withDefaults(new LayerSetting(Granularity.CHANNEL, Criterion.L1, 0.3, false, 2, 4));
        VerificationReport r = ExportProofSupport.prove(d, analysis(model), plan);
        assertThat(r.preview().macsAfter()).isLessThan(r.preview().macsBefore());
    }

    @ParameterizedTest(name = "{0} mixed")
    @MethodSource("models")
    void aMixedPerLayerPlanIsProven(String model) {
        OnnxDocument d = doc(model);
        ModelAnalysis a = analysis(model);
        List<PrunableLayer> layers = a.prunableLayers();
        PruningPlan plan = PruningPlan.empty(d.model().sha256(), model).withRoundTo(8);
        Granularity[] kinds = {Granularity.FILTER, Granularity.N_M, Granularity.KERNEL, Granularity.WEIGHT,
                Granularity.CHANNEL, Granularity.STRIPE};
        Criterion[] criteria = {Criterion.FPGM, Criterion.L1, Criterion.L2, Criterion.L1, Criterion.RANDOM,
                Criterion.L2};
        for (int i = 0; i < layers.size(); i++) {
            PrunableLayer l = layers.get(i);
            Granularity g = kinds[i % kinds.length];
            if (l.weight().rank() == 2 && g != Granularity.FILTER && g != Granularity.CHANNEL) {
                g = Granularity.WEIGHT;
            }
            plan = plan.withLayer(l.name(), new LayerSetting(g, criteria[i % criteria.length],
                    0.2 + 0.1 * (i % 5), i % 7 == 3, 2, 4));
        }
        VerificationReport r = ExportProofSupport.prove(d, a, plan);
        assertThat(r.sparsityChecks()).isGreaterThan(0);
        assertThat(r.preview().sparsity()).isGreaterThan(0.05);
    }

    @Test
    void yoloDetectHeadConvsAreProtectedAndSayWhy() {
        ModelAnalysis a = analysis("yolov5n");
        PruneEngine engine = new PruneEngine(a);
        List<String> heads = new ArrayList<>();
        for (PrunableLayer l : a.prunableLayers()) {
            engine.whyFiltersNotPrunable(l.name()).filter(w -> w.contains("detection head")).ifPresent(w ->
                    heads.add(l.name()));
        }
        assertThat(heads).hasSize(3);
        PruningPlan plan = PruningPlan.empty(doc("yolov5n").model().sha256(), "yolov5n")
                .withDefaults(new LayerSetting(Granularity.FILTER, Criterion.FPGM, 0.5, false, 2, 4));
        PruneDecision decision = engine.decide(plan);
        for (String h : heads) {
            PrunableLayer l = engine.layer(h).orElseThrow();
            assertThat(decision.removedCount(l.node().output(0))).isZero();
            assertThat(decision.removedCount(l.node().input(0))).isPositive();
        }
    }

    static Stream<String> models() {
        return Stream.of("resnet18", "mobilenetv2", "yolov5n", "yolov5n-bn", "fashion");
    }
}
