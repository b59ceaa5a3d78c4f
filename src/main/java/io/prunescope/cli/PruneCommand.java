package io.prunescope.cli;

import io.prunescope.files.GuardedWriter;
import io.prunescope.prune.ExportKind;
import io.prunescope.prune.ExportVerifier;
import io.prunescope.prune.CostPreview;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.ModelExporter;
import io.prunescope.prune.PlanException;
import io.prunescope.prune.PlanJson;
import io.prunescope.prune.Preview;
import io.prunescope.prune.ProofOutcome;
import io.prunescope.prune.ProvenExport;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.PruneEngine;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.VerificationReport;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code prune MODEL (--plan PLAN.json | --ratio R ...) -o OUT.onnx}: decides a plan, writes the export with
 * provenance, proves it with {@link ExportVerifier} and prints the costs before and after.
 */
@Command(name = "prune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prune an ONNX model by a saved plan (--plan) or by one setting for every layer"
                + " (--granularity, --criterion, --ratio), write the pruned model, and verify it in ONNX Runtime"
                + " against the masked-consumer oracle.",
                "Exit codes: 0 written and verified, 4 written and verified without the channel groups listed"
                        + " (their export failed the proof, so they stay unpruned), 2 bad input, 3 verification failed"
                        + " (nothing written), 1 internal error."})
final class PruneCommand implements Callable<Integer> {

    static final int EXIT_VERIFICATION_FAILED = 3;
    static final int EXIT_GROUPS_DROPPED = 4;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The .onnx (or .onnx.gz) model to prune.")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.onnx",
            description = "Where to write the pruned model (never the input).")
    Path output;

    @Option(names = "--plan", paramLabel = "PLAN.json",
            description = "Replay a saved plan (prunescope-plan/1) instead of the setting options.")
    Path planFile;

    @Option(names = {"-g", "--granularity"}, paramLabel = "G",
            description = "Unit: filter (default), channel, neuron, weight, vector, kernel, shape, stripe, n_m"
                    + " (or nm, 2:4), layer (residual blocks). Case-insensitive.")
    String granularity;

    @Option(names = {"-c", "--criterion"}, paramLabel = "C",
            description = "Score: l1 (default), l2, fpgm, geometric_median (gm), bn_scale (bn), random.")
    String criterion;

    @Option(names = {"-r", "--ratio"}, paramLabel = "R", description = "Fraction of each layer's units to remove, 0 ≤ R < 1.")
    Double ratio;

    @Option(names = "--nm", paramLabel = "N:M", description = "N:M pattern for --granularity n_m (default 2:4).")
    String nm;

    @Option(names = "--protect", paramLabel = "LAYER",
            description = "Keep this layer's filters (repeatable; names as `analyze` prints them).")
    List<String> protect = new ArrayList<>();

    @Option(names = "--round-to", paramLabel = "K",
            description = "Round kept channel counts up to a multiple of K (e.g. 8; default 1).")
    Integer roundTo;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random criterion (default 0).")
    Long seed;

    @Option(names = "--soft", description = "Write the soft model: same shapes, pruned units zeroed.")
    boolean soft;

    @Option(names = "--save-plan", paramLabel = "PLAN.json", description = "Also write the plan with its result.")
    Path savePlan;

    @Option(names = "--no-verify", description = "Skip the ONNX Runtime verification.")
    boolean noVerify;

    @Option(names = "--no-fallback", description = "Static shape inference only; do not ask ONNX Runtime for shapes.")
    boolean noFallback;

    @Mixin
    ModelOptions options = new ModelOptions();

    @Mixin
    ProofOptions proofOptions = new ProofOptions();

    /** Makes the proof's verifier; tests replace it with one that injects a faulty group. */
    java.util.function.BiFunction<PruneEngine, io.prunescope.onnx.OnnxDocument, ExportVerifier> verifiers =
            ExportVerifier::new;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (PhaseReporter phases = new PhaseReporter(err)) {
            return run(out, phases);
        } catch (BadInput | PlanException | IllegalArgumentException | IOException e) {
            return options.fail(err, e.getMessage(), e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(PrintWriter out, PhaseReporter phases) throws IOException {
        LayerSetting defaults = planFile == null ? defaultsFromOptions() : null;
        if (planFile != null) {
            List<String> clash = new ArrayList<>();
            if (granularity != null) {
                clash.add("--granularity");
            }
            if (criterion != null) {
                clash.add("--criterion");
            }
            if (ratio != null) {
                clash.add("--ratio");
            }
            if (nm != null) {
                clash.add("--nm");
            }
            if (!protect.isEmpty()) {
                clash.add("--protect");
            }
            if (roundTo != null) {
                clash.add("--round-to");
            }
            if (seed != null) {
                clash.add("--seed");
            }
            if (!clash.isEmpty()) {
                throw new BadInput("--plan replays a saved plan as it is; it cannot be combined with "
                        + String.join(", ", clash));
            }
        }
        if (roundTo != null && roundTo < 1) {
            throw new BadInput("--round-to must be at least 1, got " + roundTo);
        }
        // Outputs are checked before the slow work, and again when they are written.
        GuardedWriter files = CommandFiles.guard(model).protect(planFile, "the --plan file")
                .claim(output, "-o").claim(savePlan, "--save-plan");
        PruningPlan plan = null;
        if (planFile != null) {
            plan = PlanJson.read(planFile);
        }
        LoadedModel m = options.load(model, !noFallback, phases);
        CommandFiles.protectLoaded(files, m.doc().externalDataFiles());
        PruneEngine engine = m.engine();
        if (plan == null) {
            plan = PruningPlan.empty(m.doc().model().sha256(), m.doc().model().displayName())
                    .withDefaults(defaults)
                    .withRoundTo(roundTo == null ? 1 : roundTo)
                    .withSeed(seed == null ? 0 : seed);
            for (String name : protect) {
                if (engine.layer(name).isEmpty()) {
                    throw new BadInput(LoadedModel.unknownLayer(engine, name, " in --protect"));
                }
                plan = plan.withLayer(name, defaults.withProtect(true));
            }
        }
        if (!noVerify) {
            m.requireRunnable("the pruned model cannot be verified (give --no-verify to export it unproven)");
        }
        phases.begin("scoring units and deciding the plan");
        PruneDecision planned = engine.decide(plan);
        ExportKind kind = soft ? ExportKind.SOFT : ExportKind.HARD;
        // Prove before writing: a model that fails the proof is never exported (DESIGN §5); groups whose export
        // fails the proof are found and left unpruned, and the rest is proven and written.
        ProofOutcome proof = noVerify ? null : new ProvenExport(verifiers.apply(engine, m.doc()),
                proofOptions.inputs(engine.analysis().inputShapes()), CancellationToken.NEVER, phases.asProgress())
                .prove(plan, planned);
        PruneDecision decision = proof == null ? planned : proof.decision();
        VerificationReport report = proof == null ? null : proof.report();
        if (report == null || report.passed()) {
            phases.begin("writing " + output);
            PruningPlan written = plan;
            files.write(output, target -> new ModelExporter(engine, m.doc()).write(written, decision, kind, target));
        }
        if (savePlan != null) {
            PruningPlan saved = plan;
            files.write(savePlan, target -> PlanJson.write(target, saved, engine, decision));
        }
        Preview preview = new CostPreview(engine).compute(decision);
        phases.close();

        out.printf(Locale.ROOT, "%s -> %s (%s)%n", model.getFileName(), output,
                soft ? "soft export: shapes kept, pruned units zeroed" : "hard export: pruned units removed");
        out.println("plan: " + describe(plan) + (planFile != null ? " (from " + planFile + ")" : ""));
        if (savePlan != null) {
            out.println("plan saved to " + savePlan);
        }
        int groups = engine.dependencies().prunableGroups().size();
        int units = decision.removedUnits().values().stream().mapToInt(a -> a.length).sum();
        out.printf(Locale.ROOT, "channel groups pruned: %d of %d prunable (%d channel units removed)%n",
                decision.removedUnits().size(), groups, units);
        if (!decision.fineZeros().isEmpty()) {
            out.printf(Locale.ROOT, "layers with fine-grained zeros: %d%n", decision.fineZeros().size());
        }
        if (!decision.removedNodes().isEmpty()) {
            out.printf(Locale.ROOT, "residual branches removed: %d (%d nodes)%n", decision.rewires().size(),
                    decision.removedNodes().size());
        }
        out.println();
        out.print(costTable(preview));
        if (soft) {
            out.println("(the soft model keeps every shape; 'after' is what the hard model costs)");
        }
        decision.notes().forEach(n -> out.println("note: " + n));
        out.println();
        if (noVerify) {
            out.println("verification skipped (--no-verify)");
            return 0;
        }
        out.println(report.summary());
        if (!report.passed()) {
            out.println("the pruned model did NOT pass verification, so nothing was written to " + output);
            spec.commandLine().getErr().println("error: verification failed: " + String.join("; ",
                    report.problems().isEmpty() ? List.of("see the summary above") : report.problems()));
            return EXIT_VERIFICATION_FAILED;
        }
        if (!proof.dropped().isEmpty()) {
            out.printf(Locale.ROOT, "left unpruned, %d channel group(s) (%d proofs):%n", proof.dropped().size(),
                    proof.proofs());
            proof.dropped().forEach(d -> out.println("  " + d.describe() + (d.evidence().isEmpty() ? ""
                    : " — " + d.evidence())));
            spec.commandLine().getErr().println("warning: written without " + proof.dropped().size()
                    + " channel group(s) whose export failed the proof: " + proof.dropped().stream()
                    .map(d -> "group " + d.groupId() + " (" + d.layers() + ")").collect(Collectors.joining(", ")));
            return EXIT_GROUPS_DROPPED;
        }
        return 0;
    }

    private LayerSetting defaultsFromOptions() {
        Granularity g = Granularity.FILTER;
        int[] pattern = null;
        if (granularity != null) {
            Names.ParsedGranularity p = Names.granularity(granularity);
            g = p.granularity();
            pattern = p.nm();
        }
        if (nm != null) {
            int[] given = Names.nm(nm.trim());
            if (given == null) {
                throw new BadInput("--nm expects N:M such as 2:4, got '" + nm + "'");
            }
            if (pattern != null && (pattern[0] != given[0] || pattern[1] != given[1])) {
                throw new BadInput("--granularity " + granularity + " and --nm " + nm + " disagree");
            }
            if (granularity == null) {
                g = Granularity.N_M;
            } else if (g != Granularity.N_M) {
                throw new BadInput("--nm applies to --granularity n_m, not " + Names.lower(g));
            }
            pattern = given;
        }
        Criterion c = criterion == null ? Criterion.L1 : Names.criterion(criterion);
        if (ratio == null && g != Granularity.N_M) {
            throw new BadInput("give --ratio R (with --granularity and --criterion), or --plan PLAN.json");
        }
        double r = ratio == null ? 0 : ratio;
        if (!(r >= 0 && r < 1)) {
            throw new BadInput("invalid ratio " + ratio + ": --ratio must be at least 0 and below 1");
        }
        int[] p = pattern == null ? new int[]{2, 4} : pattern;
        return new LayerSetting(g, c, r, false, p[0], p[1]);
    }

    static String describe(PruningPlan plan) {
        LayerSetting d = plan.defaults();
        StringBuilder sb = new StringBuilder();
        sb.append(Names.lower(d.granularity()));
        if (d.granularity() == Granularity.N_M) {
            sb.append(' ').append(d.n()).append(':').append(d.m());
        } else {
            sb.append(", ").append(Names.lower(d.criterion()))
                    .append(String.format(Locale.ROOT, ", ratio %s", trim(d.ratio())));
        }
        sb.append(", round-to ").append(plan.roundTo()).append(", seed ").append(plan.seed());
        List<String> protectedLayers = plan.layers().entrySet().stream().filter(e -> e.getValue().protect())
                .map(java.util.Map.Entry::getKey).toList();
        long overrides = plan.layers().values().stream().filter(s -> !s.protect()).count();
        sb.append(", protected: ").append(protectedLayers.isEmpty() ? "none" : String.join(" ", protectedLayers));
        if (overrides > 0) {
            sb.append(", per-layer settings: ").append(overrides);
        }
        return sb.toString();
    }

    static String costTable(Preview p) {
        Common.Table t = new Common.Table(new String[]{"", "before", "after", "change"},
                new boolean[]{false, true, true, true});
        t.add("params", Common.group(p.paramsBefore()), Common.group(p.paramsAfter()),
                change(p.paramsBefore(), p.paramsAfter()));
        if (p.nonzeroParamsAfter() != p.paramsAfter()) {
            t.add("nonzero params", Common.group(p.paramsBefore()), Common.group(p.nonzeroParamsAfter()),
                    change(p.paramsBefore(), p.nonzeroParamsAfter()));
        }
        t.add("MACs", Common.group(p.macsBefore()), Common.group(p.macsAfter()),
                change(p.macsBefore(), p.macsAfter()));
        t.add("GFLOPs", String.format(Locale.ROOT, "%.3f", p.flopsBefore() / 1e9),
                String.format(Locale.ROOT, "%.3f", p.flopsAfter() / 1e9), change(p.flopsBefore(), p.flopsAfter()));
        return t.render();
    }

    private static String change(long before, long after) {
        if (before == 0) {
            return "0.00%";
        }
        return String.format(Locale.ROOT, "%+.2f%%", 100.0 * (after - before) / before);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
