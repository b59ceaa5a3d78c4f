package io.prunescope.ui.export;

import io.prunescope.prune.ExportKind;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.VerificationReport;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import javafx.concurrent.Task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the chosen exports through the {@link Workspace} (which refuses to write over the open model), then proves
 * the pruned model with {@code workspace.verify(plan, 2, …)}. Runs on the window's worker; cancellable between
 * steps and inside the verification.
 */
final class ExportTask extends Task<ExportTask.Outcome> {

    /** The files written and the verification report. */
    record Outcome(List<Path> written, VerificationReport report) {
    }

    static final int SAMPLES = 2;

    private final Workspace workspace;
    private final PruningPlan plan;
    private final ExportRequest request;
    private final CancellationToken token = new CancellationToken();

    ExportTask(Workspace workspace, PruningPlan plan, ExportRequest request) {
        this.workspace = workspace;
        this.plan = plan;
        this.request = request;
    }

    @Override
    protected Outcome call() throws Exception {
        List<Path> files = request.files();
        int steps = files.size() + 1;
        int step = 0;
        Files.createDirectories(request.folder());
        List<Path> written = new ArrayList<>();
        if (request.hard()) {
            progress(step++, steps, "Writing " + request.hardFile().getFileName() + "…");
            workspace.export(plan, ExportKind.HARD, request.hardFile());
            written.add(request.hardFile());
        }
        if (request.soft()) {
            progress(step++, steps, "Writing " + request.softFile().getFileName() + "…");
            workspace.export(plan, ExportKind.SOFT, request.softFile());
            written.add(request.softFile());
        }
        if (request.plan()) {
            progress(step++, steps, "Writing " + request.planFile().getFileName() + "…");
            workspace.savePlan(plan, request.planFile());
            written.add(request.planFile());
        }
        int base = step;
        progress(base, steps, "Verifying in ONNX Runtime…");
        VerificationReport report = workspace.verify(plan, SAMPLES, token, (done, total, msg) -> {
            if (total > 0) {
                updateProgress(base + (double) done / total, steps);
            }
            if (msg != null && !msg.isEmpty()) {
                updateMessage("Verifying: " + msg);
            }
        });
        updateProgress(steps, steps);
        updateMessage(report.passed() ? "Verified" : "Verification failed");
        return new Outcome(written, report);
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
