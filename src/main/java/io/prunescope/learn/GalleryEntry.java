package io.prunescope.learn;

import io.prunescope.prune.criteria.Granularity;

import java.util.List;

/**
 * One granularity applied to one layer at the gallery's ratio, as the engine decides it.
 *
 * @param granularity    the kind of unit
 * @param removed        per element of the layer's weight in the criteria's view {@code [O][C][kh][kw]}: true when
 *                       the engine removes or zeroes it; null when the granularity does not apply
 * @param removedUnits   units removed (filters, kernels, stripes, weights, ...)
 * @param totalUnits     units of this granularity in the layer
 * @param paramsSaved    parameters physically removed from the whole model
 * @param macsSaved      MACs physically removed from the whole model
 * @param weightsZeroed  weights zeroed but kept (fine-grained kinds)
 * @param neighbours     other layers the decision touches (a removed filter's readers lose input channels)
 * @param note           why the granularity is not available here, or what the engine noted; empty otherwise
 */
public record GalleryEntry(Granularity granularity, boolean[] removed, int removedUnits, int totalUnits,
                           long paramsSaved, long macsSaved, long weightsZeroed, List<NeighbourCut> neighbours,
                           String note) {

    public GalleryEntry {
        neighbours = List.copyOf(neighbours);
    }

    public boolean available() {
        return removed != null;
    }

    /** Elements of the weight drawn removed. */
    public int removedElements() {
        if (removed == null) {
            return 0;
        }
        int n = 0;
        for (boolean r : removed) {
            if (r) {
                n++;
            }
        }
        return n;
    }

    /** The sentence of {@link GranularityFacts} followed by this model's numbers. */
    public String caption() {
        String base = GranularityFacts.sentence(granularity);
        if (!available()) {
            return base + " Not on this layer: " + note;
        }
        String numbers = String.format(" Here: %d of %d " + (granularity == Granularity.LAYER ? "blocks" : "units")
                + "; saves %,d params and %,d MACs on this model",
                removedUnits, totalUnits, paramsSaved, macsSaved);
        if (weightsZeroed > 0) {
            numbers += String.format(", zeroes %,d weights", weightsZeroed);
        }
        return base + numbers + "." + (note.isEmpty() ? "" : " " + note);
    }

    /**
     * Another layer the decision cuts: a reader of a removed filter loses input channels (columns of its weight
     * matrix), the producer of a removed channel loses filters (rows). Drawn beside the entry as that matrix.
     *
     * @param layer           its name
     * @param outputs         its output units (rows)
     * @param inputs          its input channels / features (columns)
     * @param removedOutputs  the rows it loses, ascending
     * @param removedInputs   the columns it loses, ascending
     */
    public record NeighbourCut(String layer, int outputs, int inputs, int[] removedOutputs, int[] removedInputs) {
    }
}
