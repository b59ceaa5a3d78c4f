package io.prunescope.measure;

import io.prunescope.model.InputBindings;
import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.PruningPlan;
import io.prunescope.prune.criteria.Criterion;
import io.prunescope.prune.criteria.Granularity;
import io.prunescope.runtime.CalibrationInputs;
import io.prunescope.task.CancellationToken;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.prune.ExportKind;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.runtime.OutputFidelity;
import io.prunescope.task.Progress;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Fidelity of a pruned YOLOv5n against the original on the same (random, image-range) inputs. */
class YoloFidelityTest {

    private static final Path MODEL = Path.of("src/test/resources/fixtures/yolov5n-random.onnx");
    private static Workspace ws;
    private static Map<String, FloatTensor> inputs;

    @BeforeAll
    static void open() throws Exception {
        assumeTrue(Files.exists(MODEL), "yolov5n-random.onnx fixture missing");
        ws = Workspace.open(MODEL, InputBindings.none(), io.prunescope.task.CancellationToken.NEVER, Progress.NONE);
        inputs = Calibration.random(ws, 2, 11, CalibrationInputs.Distribution.UNIFORM);
    }

    private static OutputFidelity fidelity(PruningPlan plan) {
        return Comparison.fidelity(ws, plan, inputs, 1, RuntimeOptions.DEFAULT.withIntraOpThreads(2),
                CancellationToken.NEVER).first();
    }

    /**
     * The raw output is [N, anchors, 5 + classes] with boxes in pixels, which dominate a plain cosine; the detection
     * view compares the objectness and class scores (columns 4…) by cosine, and the argmax class of every anchor
     * (top-1 agreement per anchor).
     */
    private static double[] detectionFidelity(PruningPlan plan) {
        FloatTensor a;
        FloatTensor b;
        try (InferenceSession o = InferenceSession.open(ws.originalBytes());
             InferenceSession p = InferenceSession.open(ws.exportBytes(plan, ExportKind.HARD))) {
            a = o.runBatched(inputs, 1, Progress.NONE, CancellationToken.NEVER).values().iterator().next();
            b = p.runBatched(inputs, 1, Progress.NONE, CancellationToken.NEVER).values().iterator().next();
        }
        int width = (int) a.shape()[a.rank() - 1];
        int rows = a.numel() / width;
        double dot = 0;
        double na = 0;
        double nb = 0;
        int agree = 0;
        for (int r = 0; r < rows; r++) {
            int ba = -1;
            int bb = -1;
            for (int j = 4; j < width; j++) {
                double x = a.data()[r * width + j];
                double y = b.data()[r * width + j];
                dot += x * y;
                na += x * x;
                nb += y * y;
                if (j >= 5) {
                    ba = ba < 0 || x > a.data()[r * width + ba] ? j : ba;
                    bb = bb < 0 || y > b.data()[r * width + bb] ? j : bb;
                }
            }
            agree += ba == bb ? 1 : 0;
        }
        return new double[] {dot / Math.sqrt(na * nb), (double) agree / rows};
    }

    @Test
    void ratioZeroIsTheSameModel() {
        OutputFidelity f = fidelity(ws.emptyPlan());
        assertThat(f.cosine()).isCloseTo(1.0, within(1e-6));
        assertThat(f.maxAbsError()).isZero();
        double[] det = detectionFidelity(ws.emptyPlan());
        assertThat(det[0]).isCloseTo(1.0, within(1e-6));
        assertThat(det[1]).isEqualTo(1.0);
    }

    @Test
    void thirtyPercentFpgmStaysCloseButNotIdentical() {
        PruningPlan plan = ws.emptyPlan().withDefaults(new LayerSetting(Granularity.FILTER, Criterion.FPGM, 0.3, false,
                2, 4));
        assertThat(ws.preview(plan).macReduction()).isGreaterThan(0.2);
        OutputFidelity f = fidelity(plan);
        assertThat(f.cosine()).isLessThan(1.0).isGreaterThan(0.999);
        assertThat(f.meanAbsError()).isPositive();
        double[] det = detectionFidelity(plan);
        System.out.printf("YOLOv5n 30%% FPGM: raw cosine %.6f, score cosine %.6f, anchor class agreement %.4f%n",
                f.cosine(), det[0], det[1]);
        assertThat(det[0]).isLessThan(1.0).isGreaterThan(SCORE_COSINE_BOUND);
        assertThat(det[1]).isLessThan(1.0).isGreaterThan(AGREEMENT_BOUND);
    }

    /** Measured on 2 seeded random 320×320 inputs (see src/docs/measure.md), with margin. */
    private static final double SCORE_COSINE_BOUND = 0.99;
    private static final double AGREEMENT_BOUND = 0.7;
}
