package io.prunescope.session;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.ModelAnalyzer;
import io.prunescope.dependency.DependencyGraph;
import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.onnx.ModelLoadException;
import io.prunescope.onnx.OnnxDocument;
import io.prunescope.onnx.OnnxReader;
import io.prunescope.prune.CostPreview;
import io.prunescope.prune.ExportKind;
import io.prunescope.prune.ExportVerifier;
import io.prunescope.prune.ModelExporter;
import io.prunescope.prune.PlanJson;
import io.prunescope.prune.Preview;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.PruneEngine;
import io.prunescope.prune.ProofInputs;
import io.prunescope.prune.ProofOutcome;
import io.prunescope.prune.ProvenExport;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.VerificationReport;
import io.prunescope.runtime.OrtShapeFallback;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One open model and everything derived from it: the analysis, the dependency groups and the pruning engine with
 * its caches. This is the façade the UI and the CLI use; it hides the ONNX document (protobuf) behind it.
 * Thread-safety: {@link #decide} and {@link #preview} may be called from a worker thread while the UI thread reads
 * earlier results; the engine's caches are concurrent.
 */
public final class Workspace {

    private final OnnxDocument document;
    private final ModelAnalysis analysis;
    private final PruneEngine engine;
    private final CostPreview costs;

    private Workspace(OnnxDocument document, ModelAnalysis analysis) {
        this.document = document;
        this.analysis = analysis;
        this.engine = new PruneEngine(analysis);
        this.costs = new CostPreview(engine);
    }

    /** Reads, analyses and prepares a model; throws the reader's message for a bad file. */
    public static Workspace open(Path file, InputBindings bindings, CancellationToken cancel, Progress progress)
            throws ModelLoadException {
        progress.report(0, 3, "reading " + file.getFileName());
        io.prunescope.prune.criteria.Scorer.prewarm(); // compiles the score kernels while the file is read
        OnnxDocument doc = new OnnxReader().read(file);
        cancel.throwIfCancelled();
        return open(doc, bindings, cancel, progress);
    }

    /**
     * A model file that has been read but not analysed: the UI reads first, asks for missing input sizes with the
     * {@link #model()}, then {@link #open(Source, InputBindings, CancellationToken, Progress) opens} it. Opaque: it
     * hides the ONNX document.
     */
    public static final class Source {
        private final OnnxDocument document;

        private Source(OnnxDocument document) {
            this.document = document;
        }

        public Model model() {
            return document.model();
        }

        /**
         * The model's bytes as PruneScope wrote them back, external data inlined: what ONNX Runtime should load, so
         * that it never reads a file the reader has not checked.
         */
        public byte[] bytes() {
            return new io.prunescope.onnx.OnnxWriter().toBytes(document, new io.prunescope.model.ModelEdit());
        }
    }

    /** Reads a model file without analysing it; throws the reader's message for a bad file. */
    public static Source read(Path file) throws ModelLoadException {
        io.prunescope.prune.criteria.Scorer.prewarm();
        return new Source(new OnnxReader().read(file));
    }

    /** Analyses a model read by {@link #read(Path)}. */
    public static Workspace open(Source source, InputBindings bindings, CancellationToken cancel,
                                 Progress progress) {
        return open(source.document, bindings, cancel, progress);
    }

    /** Analyses an already read document (the UI reads first to ask for missing input sizes). */
    public static Workspace open(OnnxDocument doc, InputBindings bindings, CancellationToken cancel,
                                 Progress progress) {
        progress.report(1, 3, "inferring shapes and costs");
        ModelAnalysis a = ModelAnalyzer.analyze(doc.model(), bindings, new OrtShapeFallback(doc), cancel, progress);
        cancel.throwIfCancelled();
        progress.report(2, 3, "finding channel groups");
        Workspace w = new Workspace(doc, a);
        progress.report(3, 3, "ready");
        return w;
    }

    public Model model() {
        return document.model();
    }

    /** The file the model was read from (null for a model built in memory). */
    public Path file() {
        return document.model().source();
    }

    /** The concrete input shapes the analysis used (what a session file records). */
    public java.util.Map<String, long[]> inputShapes() {
        return analysis.inputShapes();
    }

    public ModelAnalysis analysis() {
        return analysis;
    }

    public PruneEngine engine() {
        return engine;
    }

    public DependencyGraph dependencies() {
        return engine.dependencies();
    }

    /** A plan with nothing pruned, tied to this model. */
    public PruningPlan emptyPlan() {
        return PruningPlan.empty(model().sha256(), model().displayName());
    }

    public PruneDecision decide(PruningPlan plan) {
        return engine.decide(plan);
    }

    public Preview preview(PruneDecision decision) {
        return costs.compute(decision);
    }

    public Preview preview(PruningPlan plan) {
        return costs.compute(engine.decide(plan));
    }

    public VerificationReport verify(PruningPlan plan, int samples, CancellationToken cancel, Progress progress) {
        return new ExportVerifier(engine, document).verify(plan, engine.decide(plan), samples, 1, cancel, progress);
    }

    /**
     * Proves the export of {@code plan} on {@code inputs} and, when a channel group makes the proof fail, finds and
     * drops such groups ({@link ProvenExport}). Write {@link ProofOutcome#decision()} only when it is proven.
     */
    public ProofOutcome proveExport(PruningPlan plan, ProofInputs inputs, CancellationToken cancel,
                                    Progress progress) {
        return new ProvenExport(new ExportVerifier(engine, document), inputs, cancel, progress)
                .prove(plan, engine.decide(plan));
    }

    /** {@code samples} synthetic proof inputs shaped like the bound inputs (when the user gave no images). */
    public ProofInputs syntheticProofInputs(int samples) {
        return ProofInputs.synthetic(analysis.inputShapes(), samples, 1);
    }

    /** Writes the export of a decision (e.g. a proven one, without dropped groups). */
    public void export(PruningPlan plan, PruneDecision decision, ExportKind kind, Path target) throws IOException {
        export(plan, decision, kind, target, io.prunescope.task.Steps.NONE);
    }

    /** The same, telling {@code phases} when each step has finished ({@code bench export} times them). */
    public void export(PruningPlan plan, PruneDecision decision, ExportKind kind, Path target,
                       io.prunescope.task.Steps phases) throws IOException {
        new ModelExporter(engine, document).write(plan, decision, kind, target, phases);
    }

    public void savePlan(PruningPlan plan, PruneDecision decision, Path target) throws IOException {
        PlanJson.write(target, plan, engine, decision);
    }

    public void export(PruningPlan plan, ExportKind kind, Path target) throws IOException {
        guard(target, "the export").write(target,
                t -> new ModelExporter(engine, document).write(plan, engine.decide(plan), kind, t));
    }

    public void savePlan(PruningPlan plan, Path target) throws IOException {
        guard(target, "the plan").write(target, t -> PlanJson.write(t, plan, engine, engine.decide(plan)));
    }

    /** Whatever the workbench writes, it never writes over the open model or its weights files. */
    private io.prunescope.files.GuardedWriter guard(Path target, String what) throws IOException {
        return new io.prunescope.files.GuardedWriter().protectAll(inputFiles(), "the open model's file")
                .claim(target, what);
    }

    public PruningPlan loadPlan(Path source) throws IOException {
        PruningPlan plan = PlanJson.read(source);
        engine.decide(plan);
        return plan;
    }

    /** The model bytes of an export, for callers that run it directly (latency, fidelity). */
    public byte[] exportBytes(PruningPlan plan, ExportKind kind) {
        return new io.prunescope.onnx.OnnxWriter().toBytes(document,
                new ModelExporter(engine, document).edit(plan, engine.decide(plan), kind));
    }

    /**
     * The files this workspace was read from: the model and its external data files. Whatever PruneScope writes must
     * not land on one of them ({@link io.prunescope.files.GuardedWriter}).
     */
    public java.util.List<Path> inputFiles() {
        java.util.List<Path> files = new java.util.ArrayList<>();
        if (document.model().source() != null) {
            files.add(document.model().source());
        }
        files.addAll(document.externalDataFiles());
        return files;
    }

    /** The original model's bytes as written back without change. */
    public byte[] originalBytes() {
        return new io.prunescope.onnx.OnnxWriter().toBytes(document, new io.prunescope.model.ModelEdit());
    }
}
