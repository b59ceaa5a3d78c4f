package io.prunescope.prune;

import io.prunescope.model.Graph;
import io.prunescope.model.Model;
import io.prunescope.model.ModelEdit;
import io.prunescope.onnx.ModelLoadException;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.onnx.OnnxReader;
import io.prunescope.onnx.OnnxWriter;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.CancelledException;
import io.prunescope.task.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proves an export right, as DESIGN §6 asks: the hard model must load and run in ONNX Runtime, compute what the
 * masked-consumer oracle computes on the proof's inputs (each output within its {@link OutputTolerance}), have every
 * pruned weight shrunk by exactly the planned counts, and carry the planned fine-grained zeros.
 *
 * <p>An output can hide a wrong export (a saturated sigmoid, a decode mixing scales), so the outputs of the last
 * layers before it ({@link HeadTensors}) are compared too, exposed as extra outputs of both models (never of the
 * written file).
 */
public final class ExportVerifier {

    /**
     * Builds the edit of one export kind from a decision: {@link PrunedModelBuilder}, or in tests a builder that
     * injects a fault, to show that a wrong export is refused and its group dropped.
     */
    @FunctionalInterface
    public interface EditBuilder {
        ModelEdit build(PruneDecision decision, ExportKind kind);
    }

    private final PruneEngine engine;
    private final OnnxDocument doc;
    private final EditBuilder builder;
    private final OnnxWriter writer = new OnnxWriter();

    public ExportVerifier(PruneEngine engine, OnnxDocument doc) {
        this(engine, doc, new PrunedModelBuilder(engine)::build);
    }

    public ExportVerifier(PruneEngine engine, OnnxDocument doc, EditBuilder builder) {
        this.engine = engine;
        this.doc = doc;
        this.builder = builder;
    }

    PruneEngine engine() {
        return engine;
    }

    /** Proves on {@code samples} synthetic inputs (see {@link SyntheticInputs}). */
    public VerificationReport verify(PruningPlan plan, PruneDecision decision, int samples, long seed,
                                     CancellationToken cancel, Progress progress) {
        return verify(plan, decision, ProofInputs.synthetic(engine.analysis().inputShapes(), samples, seed), cancel,
                progress);
    }

    public VerificationReport verify(PruningPlan plan, PruneDecision decision, ProofInputs inputs,
                                     CancellationToken cancel, Progress progress) {
        Graph graph = engine.analysis().model().graph();
        List<String> problems = new ArrayList<>();
        progress.report(0, 4, "building the pruned model and its oracle");
        Set<String> heads = HeadTensors.find(graph, decision);
        ModelEdit hardEdit = builder.build(decision, ExportKind.HARD);
        byte[] hard = writer.toBytes(doc, hardEdit);
        cancel.throwIfCancelled();
        int[] structure = checkStructure(plan, decision, hard, problems);
        heads.forEach(hardEdit::addOutput);
        ModelEdit oracleEdit = builder.build(decision, ExportKind.MASKED_CONSUMER);
        heads.forEach(oracleEdit::addOutput);
        byte[] hardProbed = writer.toBytes(doc, hardEdit);
        byte[] oracle = writer.toBytes(doc, oracleEdit);
        progress.report(1, 4, "creating ONNX Runtime sessions for both models and running them");
        OutputComparison comparison = new OutputComparison(graph, heads);
        boolean ran = false;
        try (InferenceSession h = InferenceSession.open(hardProbed);
             InferenceSession o = InferenceSession.open(oracle)) {
            int s = 0;
            for (Map<String, FloatTensor> feeds : inputs.samples()) {
                cancel.throwIfCancelled();
                comparison.add(h.run(feeds), o.run(feeds));
                s++;
                progress.report(1 + (long) (2.0 * s / inputs.size()), 4, "compared " + s + " of " + inputs.size());
            }
            ran = true;
        } catch (CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            problems.add("ONNX Runtime could not run the pruned model: " + e.getMessage());
        }
        List<OutputCheck> checks = ran ? comparison.checks() : List.of();
        if (ran) {
            problems.addAll(comparison.problems());
        }
        progress.report(4, 4, "done");
        return new VerificationReport(ran, inputs.description(), checks, structure[0], structure[1], problems,
                new CostPreview(engine).compute(decision));
    }

    /** [shape checks, sparsity checks] run on the hard model as written. */
    private int[] checkStructure(PruningPlan plan, PruneDecision decision, byte[] hard, List<String> problems) {
        try {
            Model hardModel = new OnnxReader().read(hard).model();
            StructureChecks checks = new StructureChecks(engine);
            return new int[]{checks.checkShapes(hardModel.graph(), decision, problems),
                    checks.checkSparsity(plan, hardModel.graph(), decision, problems)};
        } catch (ModelLoadException e) {
            problems.add("the pruned model does not read back: " + e.getMessage());
            return new int[2];
        }
    }
}
