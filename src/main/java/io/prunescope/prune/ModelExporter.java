package io.prunescope.prune;

import io.prunescope.task.Steps;
import io.prunescope.model.ModelEdit;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.onnx.OnnxWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes the pruned model of a plan to a file, with provenance in {@code metadata_props} (DESIGN §6): the tool and
 * version, the source model's digest, the plan's digest and the kind of export. Atomic, never over the input.
 */
public final class ModelExporter {

    public static final String TOOL = "PruneScope";
    public static final String VERSION = versionOrDev();

    private final PruneEngine engine;
    private final OnnxDocument doc;

    public ModelExporter(PruneEngine engine, OnnxDocument doc) {
        this.engine = engine;
        this.doc = doc;
    }

    public ModelEdit edit(PruningPlan plan, PruneDecision decision, ExportKind kind) {
        ModelEdit edit = new PrunedModelBuilder(engine).build(decision, kind);
        edit.putMetadata("prunescope.tool", TOOL + " " + VERSION);
        edit.putMetadata("prunescope.source_sha256", String.valueOf(doc.model().sha256()));
        edit.putMetadata("prunescope.source_name", doc.model().displayName());
        edit.putMetadata("prunescope.plan_digest", PlanJson.digest(plan));
        edit.putMetadata("prunescope.export", kind.name().toLowerCase(java.util.Locale.ROOT));
        edit.putMetadata("prunescope.exported_at", Instant.now().toString());
        return edit;
    }

    public void write(PruningPlan plan, PruneDecision decision, ExportKind kind, Path target) throws IOException {
        write(plan, decision, kind, target, Steps.NONE);
    }

    /** {@link #write(PruningPlan, PruneDecision, ExportKind, Path)}, telling {@code phases} when each step is done. */
    public void write(PruningPlan plan, PruneDecision decision, ExportKind kind, Path target, Steps phases)
            throws IOException {
        ModelEdit edit = edit(plan, decision, kind);
        phases.finished("edit");
        new OnnxWriter().write(doc, edit, target, phases);
    }

    private static String versionOrDev() {
        String v = ModelExporter.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}
