package io.prunescope.prune;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.dependency.ChannelGroup;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Tensor;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import io.prunescope.testing.TestModels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An export that still gives the user a model when one group is wrong: the proof's edit builder is wrapped so the
 * hard model of chosen groups is broken, and the search must drop exactly those groups and prove the rest.
 */
class ProvenExportTest {

    private final OnnxDocument doc = TestModels.withRandomWeights(
            TestModels.read("src/test/resources/fixtures/yolov5n-random.onnx"), 5);
    private final ModelAnalysis analysis = TestModels.analyze(doc);
    private final PruneEngine engine = new PruneEngine(analysis);
    private final PruningPlan plan = PruningPlan.empty(doc.model().sha256(), "yolov5n")
            .withDefaults(new LayerSetting(Granularity.FILTER, Criterion.FPGM, 0.3, false, 2, 4));
    private final PruneDecision decision = engine.decide(plan);
    private final List<Integer> groups = new ArrayList<>(decision.removedUnits().keySet());

    @Test
    void theFixtureHasEnoughGroupsToSearch() {
        assertThat(groups).hasSizeGreaterThanOrEqualTo(16);
    }

    @Test
    void aNumericallyWrongGroupIsDroppedAndTheRestIsExportedProven() {
        int faulty = groups.get(groups.size() / 3);
        ProofOutcome o = prove(Set.of(faulty), Set.of());
        assertThat(o.proven()).as(o.report().summary()).isTrue();
        assertThat(o.dropped()).extracting(DroppedGroup::groupId).containsExactly(faulty);
        assertThat(o.dropped().get(0).describe()).contains("export proof failed for this group");
        assertThat(o.dropped().get(0).evidence()).contains("differs from the masked-consumer oracle");
        assertThat(o.decision().removedUnits().keySet()).containsExactlyInAnyOrderElementsOf(
                groups.stream().filter(g -> g != faulty).toList());
        assertThat(o.decision().notes()).anyMatch(n -> n.contains("export proof failed for this group"));
        // 1 (all) + 1 (none) + between ⌈log₂ N⌉ and 2⌈log₂ N⌉.
        int log = 32 - Integer.numberOfLeadingZeros(groups.size() - 1);
        assertThat(o.proofs()).isBetween(2 + log, 2 + 2 * log);
    }

    @Test
    void aWrongGroupAndOneOnnxRuntimeRejectsAreBothDroppedAndNothingElse() {
        int wrong = groups.get(1);
        int rejected = groups.get(groups.size() - 2);
        ProofOutcome o = prove(Set.of(wrong), Set.of(rejected));
        assertThat(o.proven()).as(o.report().summary()).isTrue();
        assertThat(o.dropped()).extracting(DroppedGroup::groupId).containsExactlyInAnyOrder(wrong, rejected);
        assertThat(o.decision().removedUnits()).hasSize(groups.size() - 2);
        assertThat(o.dropped()).filteredOn(d -> d.groupId() == rejected).first()
                .satisfies(d -> assertThat(d.evidence()).containsPattern("weight is \\[\\d+×.*expected"));
    }

    @Test
    void aRightExportIsProvenOnceAndDropsNothing() {
        ProofOutcome o = prove(Set.of(), Set.of());
        assertThat(o.proven()).isTrue();
        assertThat(o.proofs()).isEqualTo(1);
        assertThat(o.dropped()).isEmpty();
        assertThat(o.decision()).isSameAs(decision);
    }

    private ProofOutcome prove(Set<Integer> wrongValues, Set<Integer> wrongShapes) {
        ExportVerifier verifier = new ExportVerifier(engine, doc, (d, kind) -> {
            ModelEdit edit = new PrunedModelBuilder(engine).build(d, kind);
            if (kind == ExportKind.HARD) {
                wrongValues.stream().filter(d.removedUnits()::containsKey).forEach(g -> corrupt(edit, g, false));
                wrongShapes.stream().filter(d.removedUnits()::containsKey).forEach(g -> corrupt(edit, g, true));
            }
            return edit;
        });
        ProofInputs inputs = ProofInputs.synthetic(analysis.inputShapes(), 1, 7);
        return new ProvenExport(verifier, inputs, CancellationToken.NEVER, Progress.NONE).prove(plan, decision);
    }

    /**
     * Breaks the group's first producer weight in the hard model as a wrong coupling rule would: its filters shifted
     * by one (the wrong channels kept), or one filter short (a shape ONNX Runtime rejects).
     */
    private void corrupt(ModelEdit edit, int groupId, boolean shape) {
        ChannelGroup g = engine.dependencies().groups().stream().filter(x -> x.id() == groupId).findFirst()
                .orElseThrow();
        String weight = g.producers().get(0).input(1);
        Tensor t = edit.replacedTensors().get(weight);
        float[] v = t.toFloats();
        if (shape) {
            long[] dims = t.dims();
            dims[0] -= 1;
            float[] shorter = java.util.Arrays.copyOf(v, (int) (v.length / t.dim(0) * dims[0]));
            edit.replaceTensor(Tensor.ofFloats(weight, dims, shorter, t.type()));
        } else {
            int filter = (int) (v.length / t.dim(0));
            float[] shifted = new float[v.length];
            System.arraycopy(v, filter, shifted, 0, v.length - filter);
            System.arraycopy(v, 0, shifted, v.length - filter, filter);
            edit.replaceTensor(Tensor.ofFloats(weight, t.dims(), shifted, t.type()));
        }
    }
}
