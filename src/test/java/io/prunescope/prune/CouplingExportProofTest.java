package io.prunescope.prune;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.testing.TestModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every coupling rule, proven on export: the hard model equals the masked-consumer oracle in ONNX Runtime. */
class CouplingExportProofTest {

    @ParameterizedTest
    @ValueSource(strings = {"residual", "concat", "flatten", "mobile_block", "squeeze_excite", "split", "grouped",
            "shuffle"})
    void filterPruningHalfOfEveryLayerIsProven(String fixture) {
        OnnxDocument doc = TestModels.read("src/test/resources/coupling/" + fixture + ".onnx");
        ModelAnalysis a = TestModels.analyze(doc);
        PruningPlan plan = PruningPlan.empty(doc.model().sha256(), fixture)
                .withDefaults(new LayerSetting(Granularity.FILTER, Criterion.L1, 0.5, false, 2, 4));
        VerificationReport r = ExportProofSupport.prove(doc, a, plan);
        assertThat(r.preview().paramsAfter()).isLessThan(r.preview().paramsBefore());
    }

    @ParameterizedTest
    @ValueSource(strings = {"residual", "concat", "flatten", "mobile_block", "squeeze_excite", "split", "grouped"})
    void channelPruningIsProven(String fixture) {
        OnnxDocument doc = TestModels.read("src/test/resources/coupling/" + fixture + ".onnx");
        ModelAnalysis a = TestModels.analyze(doc);
        PruningPlan plan = PruningPlan.empty(doc.model().sha256(), fixture)
                .withDefaults(new LayerSetting(Granularity.CHANNEL, Criterion.L2, 0.3, false, 2, 4));
        VerificationReport r = ExportProofSupport.prove(doc, a, plan);
        assertThat(r.preview().macsAfter()).isLessThan(r.preview().macsBefore());
    }
}
