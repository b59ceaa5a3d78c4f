package io.prunescope.learn;

import io.prunescope.measure.BundledSample;
import io.prunescope.model.InputBindings;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;

/** The bundled Fashion ResNet, opened once for the learn tests. */
final class LearnFixtures {

    /** A plain 3×3 conv whose output feeds only bn1 → relu → conv2 (no residual add): its filters form a group alone. */
    static final String CONV1 = "/stage2/conv1/Conv";
    static final String CONV2 = "/stage2/conv2/Conv";
    private static Workspace fashion;

    private LearnFixtures() {
    }

    static synchronized Workspace fashion() throws Exception {
        if (fashion == null) {
            fashion = Workspace.open(BundledSample.defaultAssets().resolve(BundledSample.MODEL), InputBindings.none(),
                    CancellationToken.NEVER, Progress.NONE);
        }
        return fashion;
    }
}
