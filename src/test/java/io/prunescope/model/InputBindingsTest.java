package io.prunescope.model;

import io.prunescope.model.InputBindings.UnboundDimensionsException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputBindingsTest {

    private static Model model(Map<String, String> metadata, ValueInfo... inputs) {
        Graph g = new Graph("g", List.of(), List.of(inputs), List.of(), Map.of(), Map.of(), Map.of());
        return new Model(null, "0", 0, 8, Map.of("", 13L), "t", "1", "", metadata, g);
    }

    private static ValueInfo input(String name, Dim... dims) {
        return new ValueInfo(name, new TensorType(DataType.FLOAT, new Shape(List.of(dims))));
    }

    @Test
    void staticShapesNeedNothing() {
        Model m = model(Map.of(), input("x", Dim.of(1), Dim.of(3), Dim.of(32), Dim.of(32)));
        assertThat(InputBindings.none().resolve(m).get("x")).containsExactly(1, 3, 32, 32);
    }

    @Test
    void batchLikeSymbolBecomesOne() {
        Model m = model(Map.of(), input("x", Dim.symbolic("batch_size"), Dim.of(3), Dim.of(32), Dim.of(32)),
                input("seq", Dim.of(4), Dim.symbolic("batch"), Dim.of(16)));
        Map<String, long[]> r = InputBindings.none().resolve(m);
        assertThat(r.get("x")).containsExactly(1, 3, 32, 32);
        assertThat(r.get("seq")).containsExactly(4, 1, 16);
    }

    @Test
    void missingSpatialDimsAreReportedByName() {
        Model m = model(Map.of(), input("images", Dim.symbolic("batch"), Dim.of(3), Dim.symbolic("height"),
                Dim.symbolic("width")));
        assertThatThrownBy(() -> InputBindings.none().resolve(m))
                .isInstanceOf(UnboundDimensionsException.class)
                .hasMessageContaining("images[2] 'height'").hasMessageContaining("images[3] 'width'")
                .satisfies(e -> assertThat(((UnboundDimensionsException) e).missing()).hasSize(2));
    }

    @Test
    void userSymbolsAndShapesOverride() {
        Model m = model(Map.of(), input("images", Dim.symbolic("batch"), Dim.of(3), Dim.symbolic("height"),
                Dim.symbolic("width")));
        Map<String, long[]> r = InputBindings.none().withSymbol("height", 480).withSymbol("width", 640)
                .withSymbol("batch", 2).resolve(m);
        assertThat(r.get("images")).containsExactly(2, 3, 480, 640);
        Map.Entry<String, long[]> e = InputBindings.parseShape("images=1,3,640,640");
        assertThat(e.getKey()).isEqualTo("images");
        assertThat(e.getValue()).containsExactly(1, 3, 640, 640);
        assertThat(InputBindings.none().withShape(e.getKey(), e.getValue()).resolve(m).get("images"))
                .containsExactly(1, 3, 640, 640);
    }

    @Test
    void imageSizeFromMetadataIncludingNonSquare() {
        Model square = model(Map.of("imgsz", "[320, 320]"), input("images", Dim.symbolic("batch"), Dim.of(3),
                Dim.symbolic("h"), Dim.symbolic("w")));
        assertThat(InputBindings.none().resolve(square).get("images")).containsExactly(1, 3, 320, 320);
        Model wide = model(Map.of("imgsz", "[384, 640]"), input("images", Dim.symbolic("batch"), Dim.of(3),
                Dim.symbolic("h"), Dim.symbolic("w")));
        assertThat(InputBindings.none().resolve(wide).get("images")).containsExactly(1, 3, 384, 640);
    }

    @Test
    void aNamedNonBatchLeadingDimIsAskedForNotAssumedOne() {
        Model m = model(Map.of(), input("tokens", Dim.symbolic("sequence"), Dim.of(16)));
        assertThatThrownBy(() -> InputBindings.none().resolve(m))
                .isInstanceOf(UnboundDimensionsException.class).hasMessageContaining("tokens[0] 'sequence'");
        // an anonymous leading dim (exporter left it unnamed) is the batch
        Model anon = model(Map.of(), input("x", Dim.UNKNOWN, Dim.of(16)));
        assertThat(InputBindings.none().resolve(anon).get("x")).containsExactly(1, 16);
    }

    @Test
    void unknownRankIsReported() {
        Model m = model(Map.of(), new ValueInfo("x", null));
        assertThatThrownBy(() -> InputBindings.none().resolve(m)).hasMessageContaining("x (rank unknown)");
    }

    @Test
    void overrideWithWrongRankIsRefusedButAFixedSizeMayBeOverridden() {
        Model m = model(Map.of(), input("x", Dim.symbolic("batch"), Dim.of(3), Dim.of(32), Dim.of(32)));
        assertThatThrownBy(() -> InputBindings.none().withShape("x", new long[]{1, 3, 32}).resolve(m))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank");
        // Analysing at another resolution is deliberate; ops that baked the old size in are reported later.
        assertThat(InputBindings.none().withShape("x", new long[]{2, 3, 64, 64}).resolve(m).get("x"))
                .containsExactly(2, 3, 64, 64);
        assertThatThrownBy(() -> InputBindings.none().withShape("nope", new long[]{1}).resolve(m))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> InputBindings.none().withSymbol("batch", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseShapeVariantsAndErrors() {
        assertThat(InputBindings.parseShape("a=b=1x3x8x8").getKey()).isEqualTo("a=b");
        assertThat(InputBindings.parseShape(" x = 2, 4 ").getValue()).containsExactly(2, 4);
        assertThatThrownBy(() -> InputBindings.parseShape("images")).hasMessageContaining("NAME=D1");
        assertThatThrownBy(() -> InputBindings.parseShape("images=")).hasMessageContaining("NAME=D1");
        assertThatThrownBy(() -> InputBindings.parseShape("images=1,three")).hasMessageContaining("three");
        assertThatThrownBy(() -> InputBindings.parseShape("images=1,0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> InputBindings.parseShape("images=1,,3")).isInstanceOf(IllegalArgumentException.class);
    }
}
