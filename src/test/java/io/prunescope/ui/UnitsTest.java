package io.prunescope.ui;

import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** View models and helpers that need no window. */
class UnitsTest {

    private final Preferences prefs = Preferences.userRoot().node("io/prunescope/test/" + UUID.randomUUID());

    @AfterEach
    void tearDown() throws Exception {
        prefs.removeNode();
    }

    @Test
    void formatsNumbersAndShapes() {
        assertThat(Formats.count(25_530_472)).isEqualTo("25,530,472");
        assertThat(Formats.compact(4_089_184_256L)).isEqualTo("4.089 G");
        assertThat(Formats.compact(999)).isEqualTo("999");
        assertThat(Formats.gflops(8_217_000_000L)).isEqualTo("16.434");
        assertThat(Formats.percent(0.4284)).isEqualTo("42.8 %");
        assertThat(Formats.shape(new long[]{1, 3, 224, 224})).isEqualTo("[1×3×224×224]");
        assertThat(Formats.shape((long[]) null)).isEqualTo("—");
    }

    @Test
    void recentFilesKeepTenNewestFirstWithoutDuplicates() {
        RecentFiles recent = new RecentFiles(prefs);
        for (int i = 0; i < 12; i++) {
            recent.add(Path.of("/m/model" + i + ".onnx"));
        }
        recent.add(Path.of("/m/model5.onnx"));
        assertThat(recent.files()).hasSize(10).first().isEqualTo(Path.of("/m/model5.onnx"));
        assertThat(recent.files()).doesNotContain(Path.of("/m/model0.onnx"), Path.of("/m/model1.onnx"));
        assertThat(new RecentFiles(prefs).files()).containsExactlyElementsOf(recent.files());
        recent.clear();
        assertThat(new RecentFiles(prefs).files()).isEmpty();
    }

    @Test
    void dimensionQuestionsArePrefilledAndBecomeBindings(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Model m = io.prunescope.session.Workspace.read(TestModels.symbolicResidual(dir)).model();
        String input = m.graph().inputs().get(0).name();
        List<String> missing;
        try {
            InputBindings.none().resolve(m);
            throw new AssertionError("expected missing dims");
        } catch (InputBindings.UnboundDimensionsException e) {
            missing = e.missing();
        }
        DimensionsViewModel vm = DimensionsViewModel.from(m, missing);
        assertThat(vm.entries()).extracting(DimensionsViewModel.Entry::label)
                .containsExactly("height  (" + input + " dim 2)", "width  (" + input + " dim 3)");
        assertThat(vm.entries()).allMatch(e -> e.valueProperty().get().equals("224"));
        assertThat(vm.allValidBinding().get()).isTrue();
        vm.entries().get(1).valueProperty().set("0");
        assertThat(vm.allValidBinding().get()).isFalse();
        vm.entries().get(1).valueProperty().set("320");
        InputBindings b = vm.toBindings(InputBindings.none());
        assertThat(b.resolve(m).get(input)).containsExactly(1, 3, 224, 320);
    }

    @Test
    void defaultSizesFollowTheDimensionsRole() {
        assertThat(DimensionsViewModel.defaultSize("batch_size", 4, 0)).isEqualTo(1);
        assertThat(DimensionsViewModel.defaultSize(null, 4, 0)).isEqualTo(1);
        assertThat(DimensionsViewModel.defaultSize(null, 4, 1)).isEqualTo(3);
        assertThat(DimensionsViewModel.defaultSize("h", 4, 2)).isEqualTo(224);
        assertThat(DimensionsViewModel.defaultSize(null, 4, 3)).isEqualTo(224);
    }

    @Test
    void layerFilterMatchesNameOrOpIgnoringCase() throws Exception {
        MainViewModel doc = new MainViewModel();
        LayerTableViewModel vm = new LayerTableViewModel(doc);
        var w = io.prunescope.session.Workspace.open(TestModels.RESIDUAL, InputBindings.none(),
                io.prunescope.task.CancellationToken.NEVER, io.prunescope.task.Progress.NONE);
        doc.install(w, w.emptyPlan());
        // "prunable layers only" is on by default: the 7 prunable layers; off, all 21 nodes
        assertThat(vm.visibleRows()).hasSize(w.analysis().prunableLayers().size()).hasSize(7);
        vm.prunableOnlyProperty().set(false);
        assertThat(vm.visibleRows()).hasSize(21);
        vm.filterProperty().set("GEMM");
        assertThat(vm.visibleRows()).extracting(LayerRow::op).containsExactly("Gemm");
        vm.filterProperty().set("  /b1/b1.0/conv ");
        assertThat(vm.visibleRows()).extracting(LayerRow::name).containsExactly(TestModels.LAYER);
        var node = w.model().graph().nodes().stream().filter(n -> n.displayName().equals(TestModels.LAYER))
                .findFirst().orElseThrow();
        doc.selectedNodeProperty().set(node);
        assertThat(vm.selectedProperty().get().name()).isEqualTo(TestModels.LAYER);
        LayerRow row = vm.selectedProperty().get();
        assertThat(row.share()).isCloseTo(589_824.0 / w.analysis().totalMacs(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(vm.ratio(row)).isEqualTo("0");
        assertThat(vm.granularity(row)).isEqualTo("filter *");
        assertThat(vm.macsAfter(row)).isEqualTo(589_824);
    }

    @Test
    void launchOptionsFallBackToAHintWhenTheSampleIsMissing() {
        assertThatThrownBy(() -> Theme.valueOf("NOPE")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Theme.parse("NOPE")).isEqualTo(Theme.LIGHT);
        assertThat(Theme.DARK.stylesheet()).endsWith("dark.css");
    }
}
