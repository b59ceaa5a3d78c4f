package io.prunescope.ui.export;

import io.prunescope.prune.ExportKind;
import io.prunescope.prune.ProofInputs;
import io.prunescope.prune.ProofOutcome;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.PruningPlan;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import javafx.concurrent.Task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Proves the pruned model first ({@link Workspace#proveExport}: channel groups whose export fails the proof are
 * found and left unpruned), then writes the chosen files from the proven decision. A model that is not proven is
 * never written; the plan file is (it is the user's work, not a model). Runs on the window's worker; cancellable
 * between steps and inside the proof.
 */
final class ExportTask extends Task<ExportTask.Outcome> {

    /** The files written and the proof. */
    record Outcome(List<Path> written, ProofOutcome proof) {
    }

    static final int SAMPLES = 2;

    private final Workspace workspace;
    private final PruningPlan plan;
    private final ExportRequest request;
    private final Supplier<ProofInputs> inputs;
    private final CancellationToken token = new CancellationToken();

    /** @param inputs what to prove on (calibration images the user loaded), or null for synthetic inputs */
    ExportTask(Workspace workspace, PruningPlan plan, ExportRequest request, Supplier<ProofInputs> inputs) {
        this.workspace = workspace;
        this.plan = plan;
        this.request = request;
        this.inputs = inputs;
    }

    @Override
    protected Outcome call() throws Exception {
        int steps = request.files().size() + 1;
        updateMessage("Proving the pruned model in ONNX Runtime…");
        ProofOutcome proof = workspace.proveExport(plan, inputs(), token, (done, total, msg) -> {
            if (total > 0) {
                updateProgress((double) done / total, steps);
            }
            if (msg != null && !msg.isEmpty()) {
                updateMessage("Proving: " + msg);
            }
        });
        int step = 1;
        Files.createDirectories(request.folder());
        List<Path> written = new ArrayList<>();
        PruneDecision decision = proof.decision();
        if (proof.proven() && request.hard()) {
            progress(step++, steps, "Writing " + request.hardFile().getFileName() + "…");
            workspace.export(plan, decision, ExportKind.HARD, request.hardFile());
            written.add(request.hardFile());
        }
        if (proof.proven() && request.soft()) {
            progress(step++, steps, "Writing " + request.softFile().getFileName() + "…");
            workspace.export(plan, decision, ExportKind.SOFT, request.softFile());
            written.add(request.softFile());
        }
        if (request.plan()) {
            progress(step, steps, "Writing " + request.planFile().getFileName() + "…");
            workspace.savePlan(plan, decision, request.planFile());
            written.add(request.planFile());
        }
        updateProgress(steps, steps);
        updateMessage(!proof.proven() ? "Verification failed" : proof.dropped().isEmpty() ? "Verified"
                : "Verified without " + proof.dropped().size() + " group(s)");
        return new Outcome(written, proof);
    }

    /** The user's images when they read as model inputs, else synthetic ones (the result says which were used). */
    private ProofInputs inputs() {
        if (inputs != null) {
            try {
                return inputs.get();
            } catch (RuntimeException e) {
                updateMessage("Proving on synthetic inputs: the chosen images cannot be used (" + e.getMessage() + ")");
            }
        }
        return workspace.syntheticProofInputs(SAMPLES);
    }

    private void progress(int done, int total, String message) {
        token.throwIfCancelled();
        updateProgress(done, total);
        updateMessage(message);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        token.cancel();
        return super.cancel(mayInterruptIfRunning);
    }
}
