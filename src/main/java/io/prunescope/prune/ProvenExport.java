package io.prunescope.prune;

import io.prunescope.dependency.ChannelGroup;
import io.prunescope.dependency.DependencyGraph;
import io.prunescope.model.Node;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Proves a decision and, when the proof fails, still finds the largest export it can prove: it bisects over the
 * decision's channel groups, re-proving, to find the groups whose pruning breaks the proof, drops them (with
 * {@link DroppedGroup#REASON}) and proves the rest. Nothing here writes a file; callers write
 * {@link ProofOutcome#decision()} only when {@link ProofOutcome#proven()}.
 *
 * <p>Cost, in proofs, for a decision over N groups of which one breaks the proof: 1 when it passes; otherwise 1 (the
 * whole decision) + 1 (no group pruned: if that fails too, the fault is in fine-grained or block pruning and nothing
 * is dropped) + between ⌈log₂ N⌉ and 2⌈log₂ N⌉ for the search (each split proves its first half; the second half is
 * proven only when the first one failed too, since a first half that passed makes the second half's failure
 * certain). The decision left at the end is always one the search proved already (every group it adds was added by
 * a passing proof of exactly that set). For one faulty group among 64: 8 to 14 proofs; k faulty groups cost about
 * k times the search.
 *
 * <p>The search assumes a group breaks the proof on its own. A fault that needs two groups together makes it drop
 * one of the two; either way the decision returned is one that passed a proof as a whole, never a guess.
 */
public final class ProvenExport {

    private final ExportVerifier verifier;
    private final DependencyGraph dependencies;
    private final ProofInputs inputs;
    private final CancellationToken cancel;
    private final Progress progress;
    private final Map<Set<Integer>, VerificationReport> proven = new HashMap<>();
    private PruningPlan plan;
    private PruneDecision full;

    public ProvenExport(ExportVerifier verifier, ProofInputs inputs, CancellationToken cancel, Progress progress) {
        this.verifier = verifier;
        this.dependencies = verifier.engine().dependencies();
        this.inputs = inputs;
        this.cancel = cancel;
        this.progress = progress;
    }

    public ProofOutcome prove(PruningPlan plan, PruneDecision decision) {
        this.plan = plan;
        this.full = decision;
        proven.clear();
        Set<Integer> all = new TreeSet<>(decision.removedUnits().keySet());
        VerificationReport whole = proof(all);
        if (whole.passed() || all.isEmpty()) {
            return new ProofOutcome(decision, whole, List.of(), proven.size());
        }
        if (!proof(Set.of()).passed()) {
            // Even with every channel group kept whole the export fails: dropping groups cannot help.
            return new ProofOutcome(decision, whole, List.of(), proven.size());
        }
        Set<Integer> good = new TreeSet<>();
        Set<Integer> faulty = new TreeSet<>();
        search(new ArrayList<>(all), good, faulty);
        List<DroppedGroup> dropped = faulty.stream().map(this::dropped).toList();
        PruneDecision kept = DecisionSubset.keeping(decision, good, dependencies,
                dropped.stream().map(DroppedGroup::describe).toList());
        VerificationReport last = proof(good);
        return new ProofOutcome(kept, last, dropped, proven.size());
    }

    /**
     * Finds the faulty groups of {@code candidates}, knowing that {@code good ∪ candidates} fails. Proven groups are
     * added to {@code good}, faulty ones to {@code faulty}.
     */
    private void search(List<Integer> candidates, Set<Integer> good, Set<Integer> faulty) {
        if (candidates.size() == 1) {
            faulty.add(candidates.get(0));
            return;
        }
        List<Integer> first = candidates.subList(0, candidates.size() / 2);
        List<Integer> second = candidates.subList(candidates.size() / 2, candidates.size());
        if (proof(union(good, first)).passed()) {
            good.addAll(first);
            search(second, good, faulty);
            return;
        }
        search(first, good, faulty);
        if (proof(union(good, second)).passed()) {
            good.addAll(second);
        } else {
            search(second, good, faulty);
        }
    }

    private VerificationReport proof(Set<Integer> groups) {
        Set<Integer> key = Set.copyOf(groups);
        VerificationReport known = proven.get(key);
        if (known != null) {
            return known;
        }
        cancel.throwIfCancelled();
        int n = proven.size() + 1;
        PruneDecision subset = key.size() == full.removedUnits().size() ? full
                : DecisionSubset.keeping(full, key, dependencies, List.of());
        VerificationReport r = verifier.verify(plan, subset, inputs, cancel, (done, total, message) ->
                progress.report(done, total, n == 1 ? message
                        : "proof " + n + " (" + key.size() + " of " + full.removedUnits().size() + " groups): " + message));
        proven.put(key, r);
        return r;
    }

    private DroppedGroup dropped(int groupId) {
        ChannelGroup g = dependencies.groups().stream().filter(x -> x.id() == groupId).findFirst().orElseThrow();
        VerificationReport alone = proven.entrySet().stream()
                .filter(e -> e.getKey().contains(groupId) && !e.getValue().passed())
                .min((a, b) -> Integer.compare(a.getKey().size(), b.getKey().size()))
                .map(Map.Entry::getValue).orElse(null);
        String evidence = alone == null || alone.problems().isEmpty() ? "" : alone.problems().get(0);
        String layers = g.producers().stream().map(Node::displayName).collect(Collectors.joining(", "));
        return new DroppedGroup(groupId, layers.isEmpty() ? "no producer" : layers,
                full.removedUnits().get(groupId).length, evidence);
    }

    private static Set<Integer> union(Set<Integer> a, List<Integer> b) {
        Set<Integer> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }
}
