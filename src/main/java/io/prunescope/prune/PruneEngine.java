package io.prunescope.prune;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.dependency.ChannelGroup;
import io.prunescope.dependency.ChannelUnit;
import io.prunescope.dependency.DependencyGraph;
import io.prunescope.dependency.Member;
import io.prunescope.model.Node;
import io.prunescope.ops.MemberRole;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.ElementMask;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.prune.criteria.NmMasks;
import io.prunescope.prune.criteria.ScoreOptions;
import io.prunescope.prune.criteria.Scorer;
import io.prunescope.prune.criteria.UnitLayout;
import io.prunescope.prune.criteria.UnitMask;
import io.prunescope.prune.criteria.UnitSelection;
import io.prunescope.prune.criteria.WeightView;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a plan into a {@link PruneDecision} for one analysed model. Scores, group selections and fine-grained masks
 * are cached by what they depend on, so a plan that differs in one layer recomputes only that layer's group and
 * mask: this is what keeps the live preview within a frame while a slider moves.
 */
public final class PruneEngine {

    private final ModelAnalysis analysis;
    private final DependencyGraph dependencies;
    private final Map<String, PrunableLayer> layers = new LinkedHashMap<>();
    private final Map<String, LayerWeights> weights = new ConcurrentHashMap<>();
    private final Map<ScoreKey, float[]> scores = new ConcurrentHashMap<>();
    private final Map<Integer, CachedSelection> selections = new ConcurrentHashMap<>();
    private final Map<String, CachedMask> fineMasks = new ConcurrentHashMap<>();
    private final List<ResidualBlocks.Block> blocks;
    private final Map<String, float[]> externalScores = new ConcurrentHashMap<>();

    private record ScoreKey(String layer, Granularity granularity, Criterion criterion, long seed) {
    }

    /** Everything a group's selection depends on. */
    private record GroupRequest(String layer, boolean channelMode, Criterion criterion, double ratio, int roundTo,
                                long seed) {
    }

    private record CachedSelection(GroupRequest request, int[] removed) {
    }

    private record CachedMask(LayerSetting setting, long seed, BitSet zeros) {
    }

    public PruneEngine(ModelAnalysis analysis) {
        this.analysis = analysis;
        this.dependencies = DependencyGraph.of(analysis);
        for (PrunableLayer l : analysis.prunableLayers()) {
            layers.put(l.name(), l);
        }
        this.blocks = ResidualBlocks.find(analysis);
    }

    public ModelAnalysis analysis() {
        return analysis;
    }

    public DependencyGraph dependencies() {
        return dependencies;
    }

    public List<ResidualBlocks.Block> residualBlocks() {
        return blocks;
    }

    public Optional<PrunableLayer> layer(String name) {
        return Optional.ofNullable(layers.get(name));
    }

    public List<PrunableLayer> layers() {
        return List.copyOf(layers.values());
    }

    /**
     * Supplies per-unit values measured elsewhere (activation statistics) for a layer; criteria that read external
     * values use them. Clears cached scores of that layer.
     */
    public void setExternalScores(String layer, Criterion criterion, float[] values) {
        externalScores.put(layer + "/" + criterion, values.clone());
        scores.keySet().removeIf(k -> k.layer().equals(layer));
        selections.clear();
        fineMasks.remove(layer);
    }

    /** Why a layer's filters cannot be removed, or empty when they can. */
    public Optional<String> whyFiltersNotPrunable(String layerName) {
        PrunableLayer l = requireLayer(layerName);
        Optional<ChannelGroup> g = dependencies.outputGroup(l.node());
        if (g.isEmpty()) {
            return Optional.of("its output channels are not tracked");
        }
        return Optional.ofNullable(g.get().whyNotPrunable());
    }

    // ---- scores -------------------------------------------------------------------------------------------

    /** Scores of a layer's units in its own weight (filters, kernels, stripes, ...), cached. */
    public float[] layerScores(String layerName, Granularity granularity, Criterion criterion, long seed) {
        PrunableLayer l = requireLayer(layerName);
        return scores.computeIfAbsent(new ScoreKey(layerName, granularity, criterion, seed), k -> {
            WeightView view = weights(l).view();
            Granularity g = granularity;
            if (g == Granularity.CHANNEL && view.rank() == 2) {
                return columnScores(l, criterion, seed);
            }
            if (view.rank() == 2 && g == Granularity.FILTER) {
                g = Granularity.NEURON;
            }
            if (view.rank() != 2 && g == Granularity.NEURON) {
                g = Granularity.FILTER;
            }
            ScoreOptions opts = ScoreOptions.defaults().withSeed(seed);
            float[] external = external(l, criterion, g);
            if (external != null) {
                opts = opts.withExternalScores(external);
            }
            return Scorer.scores(view, g, criterion, opts);
        });
    }

    /** Scores of the input columns of a fully connected weight (its "channels"). */
    private float[] columnScores(PrunableLayer l, Criterion criterion, long seed) {
        WeightView view = weights(l).view();
        int out = view.shape()[0];
        int in = view.shape()[1];
        float[] t = new float[out * in];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                t[i * out + o] = view.data()[o * in + i];
            }
        }
        return Scorer.scores(WeightView.of(t, in, out), Granularity.NEURON, criterion,
                ScoreOptions.defaults().withSeed(seed));
    }

    private float[] external(PrunableLayer l, Criterion criterion, Granularity g) {
        float[] supplied = externalScores.get(l.name() + "/" + criterion);
        if (supplied != null) {
            return supplied;
        }
        if (criterion == Criterion.BN_SCALE && (g == Granularity.FILTER || g == Granularity.NEURON)) {
            return BatchNormScales.gammaAfter(analysis.model().graph(), l.node(), dependencies);
        }
        return null;
    }

    LayerWeights weights(PrunableLayer l) {
        return weights.computeIfAbsent(l.name(), k -> LayerWeights.of(l));
    }

    // ---- decisions ----------------------------------------------------------------------------------------

    public PruneDecision decide(PruningPlan plan) {
        PlanValidation.validate(this, plan);
        List<String> notes = new ArrayList<>();
        Map<Integer, GroupRequest> requests = groupRequests(plan);
        Map<Integer, int[]> removedUnits = new LinkedHashMap<>();
        Map<String, BitSet> removedChannels = new HashMap<>();
        for (ChannelGroup g : dependencies.groups()) {
            GroupRequest req = requests.get(g.id());
            if (req == null) {
                selections.remove(g.id());
                continue;
            }
            int[] removed = select(g, req, notes);
            if (removed.length == 0) {
                continue;
            }
            removedUnits.put(g.id(), removed);
            List<ChannelUnit> units = new ArrayList<>(removed.length);
            for (int u : removed) {
                units.add(g.units().get(u));
            }
            g.removedChannels(units).forEach((t, b) -> removedChannels.merge(t, b, (a, c) -> {
                a.or(c);
                return a;
            }));
        }
        Map<String, BitSet> fine = new LinkedHashMap<>();
        for (PrunableLayer l : layers.values()) {
            LayerSetting s = plan.settingFor(l.name());
            if (!s.isActive() || s.granularity().structured()) {
                fineMasks.remove(l.name());
                continue;
            }
            if (!plan.layers().containsKey(l.name()) && !s.granularity().appliesToRank(weights(l).view().rank())) {
                // A default granularity that has no units on this layer (kernel on a Gemm) skips it; a per-layer
                // setting like that was already refused by validate().
                fineMasks.remove(l.name());
                notes.add("layer '" + l.name() + "': " + s.granularity().label() + " does not apply to a "
                        + (weights(l).view().rank() == 2 ? "fully connected" : "rank-" + weights(l).view().rank())
                        + " layer; the default skips it");
                continue;
            }
            BitSet zeros = fineMask(l, s, plan.seed());
            if (!zeros.isEmpty()) {
                fine.put(l.name(), zeros);
            }
        }
        Set<Integer> removedNodes = new LinkedHashSet<>();
        Map<String, String> rewires = new LinkedHashMap<>();
        BlockSelection.select(this, plan, removedNodes, rewires, notes);
        return new PruneDecision(removedUnits, removedChannels, fine, removedNodes, rewires, notes);
    }

    private Map<Integer, GroupRequest> groupRequests(PruningPlan plan) {
        Set<Integer> frozen = new LinkedHashSet<>();
        Map<Integer, GroupRequest> out = new LinkedHashMap<>();
        for (PrunableLayer l : layers.values()) {
            LayerSetting s = plan.settingFor(l.name());
            if (s.protect()) {
                dependencies.outputGroup(l.node()).ifPresent(g -> frozen.add(g.id()));
                continue;
            }
            if (!s.isActive()) {
                continue;
            }
            boolean channel = s.granularity() == Granularity.CHANNEL;
            boolean filter = s.granularity() == Granularity.FILTER || s.granularity() == Granularity.NEURON;
            if (!channel && !filter) {
                continue;
            }
            Optional<ChannelGroup> g = channel ? dependencies.inputGroup(l.node()) : dependencies.outputGroup(l.node());
            if (g.isEmpty() || !g.get().isPrunable()) {
                continue;
            }
            GroupRequest req = new GroupRequest(l.name(), channel, s.criterion(), s.ratio(), plan.roundTo(),
                    plan.seed());
            GroupRequest current = out.get(g.get().id());
            if (current == null || req.ratio() > current.ratio()) {
                out.put(g.get().id(), req);
            }
        }
        frozen.forEach(out::remove);
        return out;
    }

    private int[] select(ChannelGroup g, GroupRequest req, List<String> notes) {
        CachedSelection cached = selections.get(g.id());
        if (cached != null && cached.request().equals(req)) {
            return cached.removed();
        }
        List<ChannelUnit> candidates = g.prunableUnits();
        float[] unitScores;
        try {
            unitScores = groupScores(g, candidates, req);
        } catch (RuntimeException e) {
            notes.add("layer '" + req.layer() + "': " + e.getMessage());
            return new int[0];
        }
        UnitMask mask = UnitSelection.select(unitScores, req.ratio(), req.roundTo());
        int[] prunedLocal = mask.prunedUnits();
        int[] removed = new int[prunedLocal.length];
        for (int i = 0; i < removed.length; i++) {
            removed[i] = candidates.get(prunedLocal[i]).index();
        }
        selections.put(g.id(), new CachedSelection(req, removed));
        return removed;
    }

    /**
     * One score per candidate unit (DESIGN §4): each scoring layer's score of the unit's channel, divided by that
     * layer's mean score so wide and narrow layers weigh the same, averaged over the layers that see the unit.
     */
    private float[] groupScores(ChannelGroup g, List<ChannelUnit> units, GroupRequest req) {
        if (req.criterion() == Criterion.RANDOM) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(req.seed() * 1_000_003L + g.id());
            float[] s = new float[units.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) r.nextDouble();
            }
            return s;
        }
        double[] sum = new double[units.size()];
        int[] count = new int[units.size()];
        for (Member m : g.members()) {
            boolean scoring = req.channelMode() ? m.role() == MemberRole.CONSUMER
                    : m.role() == MemberRole.PRODUCER || m.role() == MemberRole.DEPTHWISE;
            PrunableLayer l = scoring ? layerOf(m.node()) : null;
            if (l == null) {
                continue;
            }
            float[] s;
            try {
                s = layerScores(l.name(), req.channelMode() ? Granularity.CHANNEL : Granularity.FILTER,
                        req.criterion(), req.seed());
            } catch (RuntimeException e) {
                if (l.name().equals(req.layer())) {
                    throw e;
                }
                continue;
            }
            double mean = 0;
            for (float v : s) {
                mean += v;
            }
            mean = mean / Math.max(1, s.length);
            double norm = mean > 0 ? mean : 1;
            for (int i = 0; i < units.size(); i++) {
                ChannelUnit u = units.get(i);
                double acc = 0;
                int hits = 0;
                for (int k = 0; k < u.tensors().length; k++) {
                    if (u.tensors()[k].equals(m.tensor())) {
                        int idx = m.weightIndex(u.channels()[k]);
                        if (idx < s.length) {
                            acc += s[idx];
                            hits++;
                        }
                    }
                }
                if (hits > 0) {
                    sum[i] += acc / hits / norm;
                    count[i]++;
                }
            }
        }
        float[] out = new float[units.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = count[i] == 0 ? Float.MAX_VALUE : (float) (sum[i] / count[i]);
        }
        return out;
    }

    PrunableLayer layerOf(Node n) {
        PrunableLayer l = layers.get(n.displayName());
        return l != null && l.node().index() == n.index() ? l : null;
    }

    private BitSet fineMask(PrunableLayer l, LayerSetting s, long seed) {
        CachedMask cached = fineMasks.get(l.name());
        if (cached != null && cached.setting().equals(s) && cached.seed() == seed) {
            return cached.zeros();
        }
        LayerWeights lw = weights(l);
        ElementMask mask;
        if (s.granularity() == Granularity.N_M) {
            mask = NmMasks.nmMask(lw.view(), s.n(), s.m());
        } else {
            float[] unitScores = layerScores(l.name(), s.granularity(), s.criterion(), seed);
            UnitMask units = UnitSelection.select(unitScores, s.ratio());
            mask = UnitLayout.of(lw.view(), s.granularity()).elementMask(units);
        }
        BitSet zeros = new BitSet(mask.size());
        for (int i = 0; i < mask.size(); i++) {
            if (!mask.isKept(i)) {
                zeros.set(lw.storedIndex(i));
            }
        }
        fineMasks.put(l.name(), new CachedMask(s, seed, zeros));
        return zeros;
    }

    private PrunableLayer requireLayer(String name) {
        PrunableLayer l = layers.get(name);
        if (l == null) {
            throw new PlanException("no prunable layer named '" + name + "'");
        }
        return l;
    }

}
