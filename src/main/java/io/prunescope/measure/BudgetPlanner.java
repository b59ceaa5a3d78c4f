package io.prunescope.measure;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.dependency.ChannelGroup;
import io.prunescope.prune.Preview;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.session.Workspace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Proposes per-group ratios that reach a reduction target while losing as little of the metric as the sensitivity
 * curves predict. Greedy: starting from nothing pruned, repeatedly raise by one step the ratio of the group whose
 * next step costs the least metric per FLOP (or parameter) saved — curves interpolated linearly between measured
 * ratios, each group's saving read from its own curve — until the whole plan, checked with {@link Preview}
 * (coupled savings are not additive), meets the target. The predicted metric assumes the groups' losses add up.
 */
public final class BudgetPlanner {

    public enum Target {
        /** Fraction of FLOPs (= MACs) removed. */
        FLOPS,
        /** Fraction of parameters removed. */
        PARAMS,
        /**
         * Fraction of measured median latency removed; the greedy order follows the {@link LatencyModel}'s predicted
         * savings when one is given ({@link #withLatencyModel}), FLOPs otherwise.
         */
        LATENCY
    }

    /**
     * @param groupRatios     group id → proposed ratio
     * @param predictedMetric baseline minus the summed predicted losses
     * @param latencyReduction measured, for a LATENCY target; null otherwise
     */
    public record Proposal(PruningPlan plan, Map<Integer, Double> groupRatios, double baseline, double predictedMetric,
                           double flopsReduction, double paramReduction, Double latencyReduction, boolean targetMet,
                           List<String> notes) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "FLOPs −%.1f %%, params −%.1f %%%s, predicted metric %.4f (baseline %.4f)%s",
                    100 * flopsReduction, 100 * paramReduction, latencyReduction == null ? ""
                            : String.format(Locale.ROOT, ", latency −%.1f %%", 100 * latencyReduction),
                    predictedMetric, baseline, targetMet ? "" : " — target NOT met");
        }
    }

    private final Workspace ws;
    private final SensitivityResult curves;
    private double step = 0.05;
    private double maxRatio;
    private LatencyModel latencyModel;

    public BudgetPlanner(Workspace ws, SensitivityResult curves) {
        this.ws = ws;
        this.curves = curves;
        this.maxRatio = curves.ratios()[curves.ratios().length - 1];
    }

    public BudgetPlanner withStep(double s) {
        this.step = s;
        return this;
    }

    /** Rank a latency target's steps by this model's predicted latency savings instead of FLOPs (null: FLOPs). */
    public BudgetPlanner withLatencyModel(LatencyModel model) {
        this.latencyModel = model;
        return this;
    }

    /** Highest ratio any group may get (default: the last measured ratio). */
    public BudgetPlanner withMaxRatio(double r) {
        this.maxRatio = r;
        return this;
    }

    /**
     * @param latency measures 1 − pruned/original median latency of a plan; needed for {@link Target#LATENCY}
     */
    public Proposal propose(Target target, double fraction, Criterion criterion, ToDoubleFunction<PruningPlan> latency) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("target reduction must be in (0, 1), got " + fraction);
        }
        if (target == Target.LATENCY && latency == null) {
            throw new IllegalArgumentException("a latency target needs a latency measurement");
        }
        List<String> notes = new ArrayList<>();
        Map<Integer, PrunableLayer> handles = new LinkedHashMap<>();
        for (SensitivityResult.GroupCurve c : curves.groups()) {
            ChannelGroup g = ws.dependencies().groups().stream().filter(x -> x.id() == c.groupId()).findFirst()
                    .orElse(null);
            ws.engine().layer(c.layer()).ifPresent(l -> {
                if (g != null) {
                    handles.put(c.groupId(), l);
                }
            });
        }
        Map<Integer, Double> ratios = new LinkedHashMap<>();
        handles.keySet().forEach(id -> ratios.put(id, 0.0));
        double lost = 0;
        PruningPlan plan = ws.emptyPlan();
        Preview p = ws.preview(plan);
        Double measuredLatency = null;
        boolean met = false;
        for (int iter = 0; iter < 10_000; iter++) {
            double achieved = target == Target.PARAMS ? p.paramReduction()
                    : target == Target.LATENCY && latencyModel != null ? predictedLatencySaving(ratios)
                    : p.macReduction();
            if (target == Target.LATENCY && achieved >= fraction * 0.5) {
                measuredLatency = latency.applyAsDouble(plan);
                achieved = measuredLatency;
            }
            if (achieved >= fraction) {
                met = true;
                break;
            }
            int best = -1;
            double bestCost = Double.POSITIVE_INFINITY;
            double bestNext = 0;
            double bestLoss = 0;
            for (SensitivityResult.GroupCurve c : curves.groups()) {
                if (!handles.containsKey(c.groupId())) {
                    continue;
                }
                double r = ratios.get(c.groupId());
                double next = r;
                double saved = 0;
                // Rounding to whole units can make a small step save nothing: step on until it does.
                while (saved <= 0 && next + step <= maxRatio + 1e-9) {
                    next = Math.min(maxRatio, next + step);
                    saved = saving(c, target, next) - saving(c, target, r);
                }
                if (saved <= 0) {
                    continue;
                }
                double loss = Math.max(0, value(c, r) - value(c, next));
                double cost = (loss + 1e-6) / saved;
                if (cost < bestCost) {
                    bestCost = cost;
                    best = c.groupId();
                    bestNext = next;
                    bestLoss = loss;
                }
            }
            if (best < 0) {
                notes.add("every group is at the highest ratio (" + maxRatio + ") and the target is not reached");
                break;
            }
            ratios.put(best, bestNext);
            lost += bestLoss;
            plan = planOf(ratios, handles, criterion);
            p = ws.preview(plan);
        }
        plan = planOf(ratios, handles, criterion);
        p = ws.preview(plan);
        return new Proposal(plan, ratios, curves.baseline(), Math.max(0, curves.baseline() - lost), p.macReduction(),
                p.paramReduction(), measuredLatency, met, notes);
    }

    private PruningPlan planOf(Map<Integer, Double> ratios, Map<Integer, PrunableLayer> handles, Criterion criterion) {
        PruningPlan plan = ws.emptyPlan();
        for (Map.Entry<Integer, Double> e : ratios.entrySet()) {
            if (e.getValue() > 0) {
                double r = Math.round(e.getValue() * 1000) / 1000.0;
                plan = SensitivityAnalysis.groupPlan(plan, handles.get(e.getKey()), criterion, r);
            }
        }
        return plan;
    }

    private double predictedLatencySaving(Map<Integer, Double> ratios) {
        double sum = 0;
        for (Map.Entry<Integer, Double> e : ratios.entrySet()) {
            sum += latencyModel.savedFraction(e.getKey(), e.getValue());
        }
        return sum;
    }

    /** Fraction of the whole model's FLOPs (or params, or predicted latency) this group alone saves at ratio r. */
    private double saving(SensitivityResult.GroupCurve c, Target target, double r) {
        if (target == Target.LATENCY && latencyModel != null) {
            return latencyModel.savedFraction(c.groupId(), r);
        }
        long[] after = target == Target.PARAMS ? c.paramsAfter() : c.macsAfter();
        long before = target == Target.PARAMS ? curves.paramsBefore() : curves.macsBefore();
        double a = interpolate(curves.ratios(), toDouble(after), before, r);
        return before == 0 ? 0 : 1.0 - a / before;
    }

    private double value(SensitivityResult.GroupCurve c, double r) {
        return interpolate(curves.ratios(), c.values(), curves.baseline(), r);
    }

    /** Piecewise linear through (0, atZero) and the measured points; flat beyond the last. */
    static double interpolate(double[] xs, double[] ys, double atZero, double x) {
        double px = 0;
        double py = atZero;
        for (int i = 0; i < xs.length; i++) {
            if (x <= xs[i] + 1e-12) {
                double t = xs[i] == px ? 1 : (x - px) / (xs[i] - px);
                return py + t * (ys[i] - py);
            }
            px = xs[i];
            py = ys[i];
        }
        return py;
    }

    private static double[] toDouble(long[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
