package io.prunescope.ui.measure;

import io.prunescope.measure.BundledSample;
import io.prunescope.model.InputBindings;
import io.prunescope.prune.ProofInputs;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The measure window's data become the export proof's inputs; random inputs leave the proof its own. */
class MeasureDataViewModelTest {

    @Test
    void theBundledImagesProveTheExportOfTheFashionModel() throws Exception {
        assumeTrue(BundledSample.isPresent(BundledSample.defaultAssets()), "Fashion sample not in assets/");
        Workspace ws = Workspace.open(BundledSample.defaultAssets().resolve(BundledSample.MODEL), InputBindings.none(),
                CancellationToken.NEVER, Progress.NONE);
        MeasureDataViewModel data = new MeasureDataViewModel(ws);
        assertThat(data.sourceProperty().get()).isEqualTo(MeasureDataViewModel.BUNDLED);
        ProofInputs in = data.proofInputs(8).get();
        assertThat(in.size()).isEqualTo(8);
        assertThat(in.description()).isEqualTo("8 calibration sample(s)");
        var report = ws.proveExport(ws.emptyPlan().withDefaults(io.prunescope.prune.LayerSetting.DEFAULT.withRatio(0.3)),
                in, CancellationToken.NEVER, Progress.NONE).report();
        assertThat(report.passed()).as(report.summary()).isTrue();
        assertThat(report.summary()).contains("on 8 calibration sample(s)");

        data.sourceProperty().set(MeasureDataViewModel.RANDOM);
        assertThat(data.proofInputs(8)).isNull();
    }
}
