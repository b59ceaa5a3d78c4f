package io.prunescope.analysis;

import java.util.Collection;
import java.util.Map;

/**
 * Asks an inference engine for the shapes that static inference could not work out (an op it does not know,
 * a data-dependent shape). The composition root supplies one backed by ONNX Runtime; this package stays free of it.
 */
@FunctionalInterface
public interface ShapeFallback {

    /**
     * @param inputShapes concrete shape per graph input
     * @param tensors     the tensors whose shapes are wanted
     * @return the shapes the engine reported (possibly fewer than asked)
     */
    Map<String, long[]> probe(Map<String, long[]> inputShapes, Collection<String> tensors) throws Exception;

    ShapeFallback NONE = (in, t) -> Map.of();
}
