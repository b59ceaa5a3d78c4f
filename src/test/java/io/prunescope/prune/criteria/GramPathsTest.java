package io.prunescope.prune.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.InputBindings;
import io.prunescope.prune.LayerWeights;
import io.prunescope.runtime.NativeGram;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Every Gram path (ONNX Runtime's GEMM with the Vector API or plain Java around it, the Vector API kernel, the
 * pure-Java kernel) against FPGM computed directly in double, and, what matters to a user, the filters they pick:
 * equal to the direct computation's, ties aside, on the trained sample models' layers, on random layers and on
 * near-duplicate filters.
 */
class GramPathsTest {

    private static final double[] RATIOS = {0.1, 0.25, 0.5, 0.75, 0.9};

    /** The four ways DistanceSums can compute the sums. */
    enum GramPath {
        NATIVE_WITH_VECTORS, NATIVE_WITH_LOOPS, VECTOR_KERNEL, JAVA_KERNEL;

        double[] sums(float[] x, int n, int d, boolean parallel) {
            return switch (this) {
                case NATIVE_WITH_VECTORS -> NativeGramSums.sums(NativeGram.instance().orElseThrow(), x, n, d, parallel, true);
                case NATIVE_WITH_LOOPS -> NativeGramSums.sums(NativeGram.instance().orElseThrow(), x, n, d, parallel, false);
                case VECTOR_KERNEL -> DistanceSums.sums(x, n, d, parallel, true);
                case JAVA_KERNEL -> DistanceSums.sums(x, n, d, parallel, false);
            };
        }
    }

    @Test
    void theFastPathsAreWhatTheTestsRun() {
        // surefire starts the JVM with --add-modules jdk.incubator.vector, and ONNX Runtime loads on every
        // platform the project builds on; without them the tests below would compare the pure-Java path with itself.
        assertThat(VectorSupport.available()).isTrue();
        assertThat(NativeGram.instance()).isPresent();
        assertThat(NativeGramSums.suits(512, 4608)).isTrue();
        assertThat(NativeGramSums.suits(16, 27)).isFalse();
    }

    @ParameterizedTest(name = "n={0}, d={1}")
    @CsvSource({"2,1", "3,7", "5,300", "13,9", "17,257", "31,64", "97,513", "130,1152", "257,27", "600,260"})
    void bothPathsMatchDirectDoubleSums(int n, int d) {
        float[] x = NaiveReference.gaussian(n * d, 7L * n + d);
        double[] expected = NaiveReference.fpgm(NaiveReference.rows(x, n, d));
        for (GramPath path : GramPath.values()) {
            for (boolean parallel : new boolean[] {false, true}) {
                double[] actual = path.sums(x, n, d, parallel);
                for (int i = 0; i < n; i++) {
                    assertThat(actual[i]).as("%s parallel=%s row %d", path, parallel, i)
                            .isCloseTo(expected[i], within(2e-6 * expected[i] + 1e-9));
                }
            }
        }
    }

    @ParameterizedTest(name = "spread {0}")
    @ValueSource(doubles = {1e-2, 1e-3, 1e-4})
    void nearDuplicateFiltersWithLargeNormsPickTheSameSet(double spread) {
        // 64 filters that are one long vector plus tiny noise: the Gram form cancels almost every digit here.
        int n = 64;
        int d = 576;
        float[] base = NaiveReference.gaussian(d, 3);
        float[] noise = NaiveReference.gaussian(n * d, 4);
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i * d + k] = 10f * base[k] + (float) spread * noise[i * d + k];
            }
        }
        double[] expected = NaiveReference.fpgm(NaiveReference.rows(x, n, d));
        for (GramPath path : GramPath.values()) {
            double[] actual = path.sums(x, n, d, true);
            for (int i = 0; i < n; i++) {
                assertThat(actual[i]).as("%s row %d", path, i).isCloseTo(expected[i], within(1e-6 * expected[i]));
            }
            assertSamePicks(toFloat(actual), expected, "near duplicates, " + path);
        }
    }

    @Test
    void pairsOfExactDuplicatesScoreAsTheDirectComputation() {
        // Filters 0 and 1 identical, 2 and 3 identical: their mutual distance must come out as 0, not sqrt(noise).
        int d = 300;
        float[] a = NaiveReference.gaussian(d, 8);
        float[] b = NaiveReference.gaussian(d, 9);
        float[] x = new float[5 * d];
        float[] c = NaiveReference.gaussian(d, 10);
        System.arraycopy(a, 0, x, 0, d);
        System.arraycopy(a, 0, x, d, d);
        System.arraycopy(b, 0, x, 2 * d, d);
        System.arraycopy(b, 0, x, 3 * d, d);
        System.arraycopy(c, 0, x, 4 * d, d);
        double[] expected = NaiveReference.fpgm(NaiveReference.rows(x, 5, d));
        for (GramPath path : GramPath.values()) {
            double[] actual = path.sums(x, 5, d, false);
            for (int i = 0; i < 5; i++) {
                assertThat(actual[i]).as("%s row %d", path, i).isCloseTo(expected[i], within(2e-6 * expected[i]));
            }
        }
    }

    @ParameterizedTest(name = "n={0}, d={1}")
    @CsvSource({"64,576", "256,1152", "512,4608"})
    void randomLayersPickTheSameSet(int n, int d) {
        float[] x = NaiveReference.gaussian(n * d, n + 31L * d);
        double[] expected = NaiveReference.fpgm(NaiveReference.rows(x, n, d));
        assertSamePicks(Scorer.scores(WeightView.of(x, n, d / 9, 3, 3), Granularity.FILTER, Criterion.FPGM,
                ScoreOptions.defaults()), expected, "random " + n + "x" + d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"assets/models/yolov5n-fashion.onnx", "assets/models/fashion-resnet.onnx"})
    void trainedFixtureLayersPickTheSameSet(String model) throws Exception {
        Workspace ws = Workspace.open(Path.of(model), InputBindings.none(), CancellationToken.NEVER, Progress.NONE);
        int checked = 0;
        for (PrunableLayer layer : ws.engine().layers()) {
            WeightView w = LayerWeights.of(layer).view();
            if (w.rank() != 4 || w.outChannels() < 4) {
                continue;
            }
            int n = w.outChannels();
            int d = w.size() / n;
            double[] expected = NaiveReference.fpgm(NaiveReference.rows(w.data(), n, d));
            float[] actual = Scorer.scores(w, Granularity.FILTER, Criterion.FPGM, ScoreOptions.defaults());
            assertSamePicks(actual, expected, model + " " + layer.name());
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
    }

    /**
     * For every ratio, the filters picked from {@code actual} are a lowest-k set of {@code expected} up to ties:
     * every picked filter scores at most the k-th lowest expected score (plus a relative 1e-6), every kept one
     * at least that score (minus the same).
     */
    private static void assertSamePicks(float[] actual, double[] expected, String what) {
        int n = expected.length;
        Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> expected[i]))
                .toArray(Integer[]::new);
        for (double ratio : RATIOS) {
            int[] picked = UnitSelection.select(actual, ratio).prunedUnits();
            int k = picked.length;
            if (k == 0 || k == n) {
                continue;
            }
            double boundary = expected[order[k - 1]];
            double tie = 1e-6 * Math.abs(boundary);
            boolean[] isPicked = new boolean[n];
            for (int u : picked) {
                isPicked[u] = true;
                assertThat(expected[u]).as("%s at %.2f: picked filter %d", what, ratio, u)
                        .isLessThanOrEqualTo(boundary + tie);
            }
            for (int u = 0; u < n; u++) {
                if (!isPicked[u]) {
                    assertThat(expected[u]).as("%s at %.2f: kept filter %d", what, ratio, u)
                            .isGreaterThanOrEqualTo(boundary - tie);
                }
            }
            assertThat(Arrays.stream(picked).distinct().count()).isEqualTo(k);
        }
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
