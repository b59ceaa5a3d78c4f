package io.prunescope.measure;

import io.prunescope.prune.ExportKind;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.task.Progress;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Prune to a budget and check the answer: propose a plan from the sensitivity curves ({@link BudgetPlanner}),
 * <em>measure</em> it (and its recovered version), and when the measurement falls short of the prediction, refine.
 * <p>
 * Why: the planner's prediction assumes the groups' losses add up. They do not — pruning many groups at once loses
 * far more than the sum of their separate losses (on the Fashion sample at −50 % FLOPs the sum predicts 0 while the
 * model keeps 0.25; elsewhere the sum is too hopeful) — so a figure the user can act on must be a measured one.
 * Refinement follows NetAdapt's idea of re-measuring at the current operating point: each round re-measures every
 * group's curve with the other groups pruned as in the last plan ({@link SensitivityAnalysis#onTopOf}) and
 * re-allocates from those marginal curves. It stops when the measurement is within the tolerance of the prediction,
 * when the measured metric stops improving, or after the last round; the best measured plan that meets the target
 * is chosen.
 * <p>
 * Recovery-aware allocation measures every curve after recovering the pruned group alone, so groups whose loss a
 * least-squares refit of the next layer undoes look cheap; its prediction and the comparison are then about the
 * recovered model, which is what the user keeps.
 */
public final class BudgetSearch {

    /**
     * @param recover       recovery applied to every proposed plan (NONE: report the pruned model only)
     * @param recoveryAware measure the sensitivity curves after recovery (needs {@code recover} ≠ NONE)
     * @param maxRounds     refinement rounds after the first proposal (0: propose and measure once)
     * @param tolerance     refine while the prediction exceeds the measurement by more than this
     */
    public record Settings(BudgetPlanner.Target target, double fraction, Criterion criterion, double maxRatio,
                           double[] ratios, Recovery.Options recover, boolean recoveryAware, int maxRounds,
                           double tolerance) {

        public Settings {
            if (recoveryAware && recover.mode() == Recovery.Mode.NONE) {
                throw new IllegalArgumentException("recovery-aware allocation needs a recovery (bias or lsq)");
            }
            if (maxRounds < 0) {
                throw new IllegalArgumentException("refinement rounds must be ≥ 0, got " + maxRounds);
            }
        }

        boolean recovering() {
            return recover.mode() != Recovery.Mode.NONE;
        }
    }

    /**
     * One proposal and what it measured.
     *
     * @param measured  metric of the hard-pruned model
     * @param recovered metric after recovery; null without recovery
     * @param model     the model the user would keep (recovered when recovering)
     */
    public record Round(int round, BudgetPlanner.Proposal proposal, double measured, Double recovered, byte[] model) {

        /** The metric of the model the user keeps. */
        public double kept() {
            return recovered != null ? recovered : measured;
        }

        public String summary(String metricName, String recoveryName) {
            BudgetPlanner.Proposal p = proposal;
            return String.format(Locale.ROOT, "round %d: FLOPs −%.1f %%, params −%.1f %%%s, %s predicted %.4f,"
                            + " measured %.4f%s%s", round, 100 * p.flopsReduction(), 100 * p.paramReduction(),
                    p.latencyReduction() == null ? "" : String.format(Locale.ROOT, ", latency −%.1f %%",
                            100 * p.latencyReduction()), metricName, p.predictedMetric(), measured,
                    recovered == null ? "" : String.format(Locale.ROOT, ", recovered (%s) %.4f", recoveryName,
                            recovered), p.targetMet() ? "" : " — target NOT met");
        }
    }

    /** @param chosen the best measured round that meets the target (the best measured one when none does) */
    public record Outcome(List<Round> rounds, Round chosen, String stopReason) {
    }

    private final Workspace ws;
    private final Metric metric;
    private final Map<String, FloatTensor> calibration;
    private final RuntimeOptions runtime;
    private final ToDoubleFunction<PruningPlan> latency;
    private LatencyModel latencyModel;

    /**
     * @param calibration inputs recovery calibrates on (ignored without recovery)
     * @param latency     measures 1 − pruned/original latency, for a LATENCY target (else may be null)
     */
    /** For a latency target: rank steps by this model's predicted savings (see {@link BudgetPlanner#withLatencyModel}). */
    public BudgetSearch withLatencyModel(LatencyModel model) {
        this.latencyModel = model;
        return this;
    }

    public BudgetSearch(Workspace ws, Metric metric, Map<String, FloatTensor> calibration, RuntimeOptions runtime,
                        ToDoubleFunction<PruningPlan> latency) {
        this.ws = ws;
        this.metric = metric;
        this.calibration = calibration == null ? Map.of() : calibration;
        this.runtime = runtime;
        this.latency = latency;
    }

    /** The sensitivity analysis the first proposal starts from (cached), recovery-aware when asked. */
    public SensitivityAnalysis initialAnalysis(Settings s) {
        return new SensitivityAnalysis(ws, s.criterion(), s.ratios(), runtime)
                .withRecovery(s.recoveryAware() ? s.recover() : null, calibration);
    }

    /**
     * @param curves  the initial sensitivity curves (from {@link #initialAnalysis})
     * @param onRound told after each round is measured
     * @param progress told during the refinement sweeps
     */
    public Outcome run(Settings s, SensitivityResult curves, Consumer<Round> onRound, Progress progress,
                       CancellationToken cancel) {
        try (InferenceSession original = InferenceSession.open(ws.originalBytes(), runtime)) {
            metric.prepare(original, cancel);
        }
        List<Round> rounds = new ArrayList<>();
        Round best = null;
        String stop;
        for (int k = 1; ; k++) {
            cancel.throwIfCancelled();
            BudgetPlanner.Proposal p = new BudgetPlanner(ws, curves).withMaxRatio(s.maxRatio())
                    .withLatencyModel(latencyModel).propose(s.target(), s.fraction(), s.criterion(), latency);
            Round round = measure(k, p, s, cancel);
            rounds.add(round);
            onRound.accept(round);
            boolean improved = best == null || better(round, best);
            if (improved) {
                best = round;
            }
            double compared = s.recoveryAware() ? round.kept() : round.measured();
            if (k > 1 && !improved) {
                stop = "the measured metric stopped improving";
                break;
            }
            if (p.predictedMetric() - compared <= s.tolerance() && p.targetMet()) {
                stop = compared >= p.predictedMetric() ? "the measurement meets the prediction"
                        : "the measurement is within " + s.tolerance() + " of the prediction";
                break;
            }
            if (k > s.maxRounds()) {
                stop = s.maxRounds() == 0 ? "refinement is off" : "the last refinement round (" + s.maxRounds()
                        + ") is done";
                break;
            }
            curves = new SensitivityAnalysis(ws, s.criterion(), s.ratios(), runtime).withCache(null)
                    .onTopOf(p.plan()).withRecovery(s.recoveryAware() ? s.recover() : null, calibration)
                    .run(metric, progress, cancel);
        }
        return new Outcome(List.copyOf(rounds), best, stop);
    }

    /** A plan that meets the target beats one that does not; then the higher kept metric wins. */
    static boolean better(Round a, Round b) {
        if (a.proposal().targetMet() != b.proposal().targetMet()) {
            return a.proposal().targetMet();
        }
        return a.kept() > b.kept() + 1e-9;
    }

    private Round measure(int k, BudgetPlanner.Proposal p, Settings s, CancellationToken cancel) {
        byte[] hard = ws.exportBytes(p.plan(), ExportKind.HARD);
        double measured = evaluate(hard, cancel);
        if (!s.recovering()) {
            return new Round(k, p, measured, null, hard);
        }
        byte[] recovered = Recovery.recover(ws, p.plan(), calibration, s.recover(), Progress.NONE, cancel)
                .model();
        return new Round(k, p, measured, evaluate(recovered, cancel), recovered);
    }

    private double evaluate(byte[] model, CancellationToken cancel) {
        try (InferenceSession session = InferenceSession.open(model, runtime)) {
            return metric.evaluate(session, cancel);
        }
    }
}
