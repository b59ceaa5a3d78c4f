package io.prunescope.prune;

import java.util.List;

/**
 * The result of proving an export: the decision that may be written (the plan's, without the dropped groups) and
 * the proof of exactly that decision. When {@link #proven()} is false nothing may be written.
 *
 * @param proofs how many times the pruned model was proven (1 when the first proof passed)
 */
public record ProofOutcome(PruneDecision decision, VerificationReport report, List<DroppedGroup> dropped, int proofs) {

    public ProofOutcome {
        dropped = List.copyOf(dropped);
    }

    public boolean proven() {
        return report.passed();
    }
}
