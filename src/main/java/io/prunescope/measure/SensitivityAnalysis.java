package io.prunescope.measure;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.dependency.ChannelGroup;
import io.prunescope.model.Node;
import io.prunescope.prune.ExportKind;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.Preview;
import io.prunescope.prune.PruneDecision;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.task.Progress;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Group-aware sensitivity analysis: for each prunable channel group, a plan that sets filter pruning at ratio r on
 * one of its producer layers (the engine applies it to the whole group) is exported, run, and measured; the rest of
 * the model is untouched. Results are cached by model, data, metric, criterion, recovery and ratios.
 * <p>
 * Two variants serve the budget search ({@link BudgetSearch}):
 * <ul>
 *   <li>{@linkplain #withRecovery recovery-aware}: each pruned model is measured after least-squares (or bias)
 *       recovery of that group alone, so a group whose loss recovery undoes looks cheap;</li>
 *   <li>{@linkplain #onTopOf on top of a plan}: the other groups stay pruned as in the plan and only the measured
 *       group's ratio varies. The curve is then shifted so that it reads like a plain one — value and costs at
 *       ratio 0 equal the unpruned model's — which keeps {@link BudgetPlanner} unchanged: what it sees is each
 *       group's marginal loss and saving at the plan's operating point, interactions included. Not cached.</li>
 * </ul>
 */
public final class SensitivityAnalysis {

    /** 10 % … 90 %. */
    public static final double[] DEFAULT_RATIOS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    private final Workspace ws;
    private final Criterion criterion;
    private final double[] ratios;
    private final RuntimeOptions options;
    private SensitivityCache cache = SensitivityCache.defaultCache();
    private PruningPlan base;
    private Recovery.Options recovery;
    private Map<String, FloatTensor> calibration = Map.of();
    private SensitivityShard shard;

    public SensitivityAnalysis(Workspace ws, Criterion criterion, double[] ratios, RuntimeOptions options) {
        this.ws = ws;
        this.criterion = criterion;
        this.ratios = ratios.clone();
        this.options = options;
        for (double r : ratios) {
            if (!(r > 0 && r < 1)) {
                throw new IllegalArgumentException("sensitivity ratios must be in (0, 1), got " + r);
            }
        }
    }

    /** Another cache folder, or null for none. */
    public SensitivityAnalysis withCache(SensitivityCache c) {
        this.cache = c;
        return this;
    }

    /**
     * Measure only this part of the groups (null: all). A part neither reads nor writes the cache: it is merged
     * with the others by {@link SensitivityParts#merge}, which caches the whole.
     */
    public SensitivityAnalysis shard(SensitivityShard part) {
        this.shard = part;
        return this;
    }

    /** How many groups a full sweep measures (those with a prunable producer layer). */
    public int measurableGroups() {
        return measurable().size();
    }

    private List<ChannelGroup> measurable() {
        List<ChannelGroup> groups = new ArrayList<>();
        for (ChannelGroup g : ws.dependencies().prunableGroups()) {
            if (handle(ws, g).isPresent()) {
                groups.add(g);
            }
        }
        return groups;
    }

    /** Measure every group with the others pruned as in {@code plan} (null or empty: the plain analysis). */
    public SensitivityAnalysis onTopOf(PruningPlan plan) {
        this.base = plan == null || plan.layers().isEmpty() ? null : plan;
        return this;
    }

    /** Measure each pruned model after this recovery, calibrated on {@code calibrationInputs}. */
    public SensitivityAnalysis withRecovery(Recovery.Options options, Map<String, FloatTensor> calibrationInputs) {
        this.recovery = options == null || options.mode() == Recovery.Mode.NONE ? null : options;
        this.calibration = calibrationInputs == null ? Map.of() : calibrationInputs;
        return this;
    }

    /** The producer layer a plan sets to prune the whole group, or empty when no producer is a prunable layer. */
    public static Optional<PrunableLayer> handle(Workspace ws, ChannelGroup g) {
        for (Node n : g.producers()) {
            Optional<PrunableLayer> l = ws.engine().layer(n.displayName()).filter(x -> x.node().index() == n.index());
            if (l.isPresent()) {
                return l;
            }
        }
        return Optional.empty();
    }

    /** A plan pruning only the group, at {@code ratio}, through its handle layer. */
    public static PruningPlan groupPlan(PruningPlan base, PrunableLayer handle, Criterion criterion, double ratio) {
        Granularity g = handle.weight().rank() == 2 ? Granularity.NEURON : Granularity.FILTER;
        return base.withLayer(handle.name(), new LayerSetting(g, criterion, ratio, false, 2, 4));
    }

    public String cacheKey(Metric metric) {
        return settings(metric).key();
    }

    /** What this analysis's result depends on, with {@code metric}. */
    public SensitivitySettings settings(Metric metric) {
        String how = recovery == null ? criterion.name() : criterion.name() + "+recovered-" + recovery.mode()
                + "-" + Calibration.identity(calibration);
        return new SensitivitySettings(ws.model().sha256(), metric.dataIdentity(), metric.name(), how, ratios.clone());
    }

    /**
     * @param progress told after every (group, ratio) measured, out of groups × ratios
     * @throws java.util.concurrent.CancellationException when cancelled; nothing is cached then
     */
    public SensitivityResult run(Metric metric, Progress progress, CancellationToken cancel) {
        String key = cacheKey(metric);
        SensitivityCache cache = base == null && shard == null ? this.cache : null;
        if (cache != null) {
            Optional<SensitivityResult> hit = cache.get(key);
            if (hit.isPresent()) {
                progress.report(1, 1, "");
                return hit.get();
            }
        }
        PruningPlan base = this.base != null ? this.base : ws.emptyPlan();
        List<ChannelGroup> all = measurable();
        List<ChannelGroup> groups = new ArrayList<>();
        for (int p = 0; p < all.size(); p++) {
            if (shard == null || shard.includes(p)) {
                groups.add(all.get(p));
            }
        }
        long total = (long) groups.size() * (ratios.length + (this.base != null ? 1 : 0));
        long done = 0;
        Preview before = ws.preview(base);
        double baseline;
        List<SensitivityResult.GroupCurve> curves = new ArrayList<>();
        try (InferenceSession original = InferenceSession.open(ws.originalBytes(), options)) {
            metric.prepare(original, cancel);
            baseline = metric.evaluate(original, cancel);
        }
        for (ChannelGroup g : groups) {
            PrunableLayer handle = handle(ws, g).orElseThrow();
            double[] values = new double[ratios.length];
            int[] removed = new int[ratios.length];
            long[] macs = new long[ratios.length];
            long[] params = new long[ratios.length];
            Shift shift = null;
            if (this.base != null) {
                shift = atZero(base, handle, metric, baseline, before, cancel);
                progress.report(++done, total, "");
            }
            for (int i = 0; i < ratios.length; i++) {
                cancel.throwIfCancelled();
                PruningPlan plan = groupPlan(base, handle, criterion, ratios[i]);
                PruneDecision d = ws.decide(plan);
                int[] units = d.removedUnits().get(g.id());
                removed[i] = units == null ? 0 : units.length;
                Preview p = ws.preview(d);
                macs[i] = p.macsAfter();
                params[i] = p.paramsAfter();
                if (removed[i] == 0) {
                    values[i] = shift == null ? baseline : shift.value;
                } else {
                    values[i] = measure(plan, metric, cancel);
                }
                if (shift != null) {
                    values[i] += baseline - shift.value;
                    macs[i] += before.macsBefore() - shift.macs;
                    params[i] += before.paramsBefore() - shift.params;
                }
                progress.report(++done, total, "");
            }
            curves.add(new SensitivityResult.GroupCurve(g.id(), handle.name(),
                    g.producers().stream().map(Node::displayName).toList(), g.prunableUnits().size(), values, removed,
                    macs, params));
        }
        SensitivityResult result = new SensitivityResult(ws.model().sha256(), ws.model().displayName(), metric.name(),
                criterion.name(), metric.dataIdentity(), baseline, before.macsBefore(), before.paramsBefore(),
                ratios.clone(), curves);
        if (cache != null) {
            cache.put(key, result);
        }
        return result;
    }

    /** The metric and costs of the base plan with one group left unpruned: where its shifted curve starts. */
    private record Shift(double value, long macs, long params) {
    }

    private Shift atZero(PruningPlan base, PrunableLayer handle, Metric metric, double baseline, Preview unpruned,
                         CancellationToken cancel) {
        cancel.throwIfCancelled();
        PruningPlan without = base.withoutLayer(handle.name());
        Preview p = ws.preview(without);
        double v = without.layers().isEmpty() && recovery == null ? baseline : measure(without, metric, cancel);
        return new Shift(v, p.macsAfter(), p.paramsAfter());
    }

    /** The metric of the hard-pruned model, recovered first when this analysis is recovery-aware. */
    private double measure(PruningPlan plan, Metric metric, CancellationToken cancel) {
        byte[] model = recovery == null ? ws.exportBytes(plan, ExportKind.HARD)
                : Recovery.recover(ws, plan, calibration, recovery, Progress.NONE, cancel).model();
        try (InferenceSession s = InferenceSession.open(model, options)) {
            return metric.evaluate(s, cancel);
        }
    }
}
