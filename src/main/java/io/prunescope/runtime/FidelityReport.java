package io.prunescope.runtime;

import java.util.List;
import java.util.Optional;

/**
 * Fidelity of every output the two models share.
 *
 * @param notes outputs that could not be compared (present in one model only), in words
 */
public record FidelityReport(List<OutputFidelity> outputs, List<String> notes) {

    public FidelityReport {
        outputs = List.copyOf(outputs);
        notes = List.copyOf(notes);
    }

    public Optional<OutputFidelity> output(String name) {
        return outputs.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /** The first compared output: for single-output classifiers, the one that matters. */
    public OutputFidelity first() {
        if (outputs.isEmpty()) {
            throw new IllegalStateException("no outputs were compared: " + notes);
        }
        return outputs.get(0);
    }
}
