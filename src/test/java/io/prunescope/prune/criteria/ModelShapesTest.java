package io.prunescope.prune.criteria;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark shapes must be the real models': check parameter counts against DESIGN §7. */
class ModelShapesTest {

    private static long weightsPlusFoldedBias(List<ModelShapes.NamedShape> shapes) {
        return shapes.stream().mapToLong(s -> s.elements() + s.shape()[0]).sum();
    }

    @Test
    void resnet50HasFiftyThreeConvsAndTheReferenceParameterCount() {
        List<ModelShapes.NamedShape> convs = ModelShapes.resnet50Convs();
        assertThat(convs).hasSize(53);
        assertThat(convs.stream().filter(s -> s.name().contains("downsample"))).hasSize(4);
        long fc = 2048L * 1000 + 1000;
        assertThat(weightsPlusFoldedBias(convs) + fc).isEqualTo(25_530_472L);
    }

    @Test
    void yolov5sHasTheReferenceParameterCount() {
        assertThat(weightsPlusFoldedBias(ModelShapes.yolov5sConvs())).isEqualTo(7_225_885L);
    }

    @Test
    void benchmarkRunsOnASmallModel() {
        List<WeightView> weights = CriteriaBenchmark.randomWeights(ModelShapes.resnet50Convs().subList(0, 4), 1);
        CriteriaBenchmark.Result r = CriteriaBenchmark.run("tiny", weights, 1);
        assertThat(r.layers()).isEqualTo(4);
        assertThat(r.fpgmMs()).isPositive();
        assertThat(r.gmMs()).isPositive();
    }
}
