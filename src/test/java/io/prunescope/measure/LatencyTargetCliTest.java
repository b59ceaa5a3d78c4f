package io.prunescope.measure;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prunescope.analysis.PrunableLayer;
import io.prunescope.cli.CliMain;
import io.prunescope.dependency.ChannelGroup;
import io.prunescope.dependency.Member;
import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.model.Node;
import io.prunescope.onnx.OnnxReader;
import io.prunescope.prune.PruningPlan;
import io.prunescope.runtime.FloatTensor;
import io.prunescope.runtime.InferenceSession;
import io.prunescope.runtime.RuntimeOptions;
import io.prunescope.session.Workspace;
import io.prunescope.task.CancellationToken;
import io.prunescope.task.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code prune-target --target-latency} end to end on the bundled sample, with a latency table written beforehand into
 * a throw-away home (the real {@code ~/.prunescope} is never touched). The table is synthetic and lopsided: only the
 * convolutions of one shape (the row of the most expensive convolution) cost anything — blocked by 8 output channels,
 * as ONNX Runtime's NCHWc kernels are — and every other row is free. A planner that follows the table can then only
 * prune channel groups that touch those convolutions; a FLOPs-ranked one would prune others. Checked independently of
 * the planner: which convolutions of the written file changed, the table's prediction for the written file computed
 * from its weight shapes, and that the file loads and runs in ONNX Runtime.
 */
class LatencyTargetCliTest {

    private static final String MODEL = "assets/models/fashion-resnet.onnx";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void sample() {
        assumeTrue(BundledSample.isPresent(BundledSample.defaultAssets()), "Fashion sample not in assets/");
    }

    @Test
    void targetLatencyPrunesWhereTheTableSaysTimeGoesAndWritesAModelThatRuns(@TempDir Path home) throws Exception {
        Workspace ws = Workspace.open(Path.of(MODEL), InputBindings.none(), CancellationToken.NEVER, Progress.NONE);
        Map<String, ConvShape> shapes = new HashMap<>(); // conv node name → its shape in the original model
        for (PrunableLayer l : ws.engine().layers()) {
            ConvShape.of(ws, l).ifPresent(s -> shapes.put(l.node().name(), s));
        }
        String costly = shapes.values().stream().max((a, b) -> Long.compare(a.macs(), b.macs())).orElseThrow().key();

        // the table the command will find: every row the model needs, every count, so nothing is measured
        Map<String, Map<Integer, Double>> rows = new TreeMap<>();
        for (ConvShape s : shapes.values()) {
            Map<Integer, Double> row = rows.computeIfAbsent(s.key(), k -> new TreeMap<>());
            for (int c = 1; c <= s.outChannels(); c++) {
                row.put(c, tableMs(s, c, costly));
            }
        }
        Path table = LatencyTable.forMachine(home, RuntimeOptions.DEFAULT.withIntraOpThreads(1), 5).file();
        Files.createDirectories(table.getParent());
        Files.write(table, JSON.writeValueAsBytes(rows));

        Path out = home.resolve("pruned.onnx");
        Path planFile = home.resolve("plan.json");
        String old = System.getProperty("prunescope.home");
        System.setProperty("prunescope.home", home.toString());
        String[] r;
        try {
            r = run("prune-target", MODEL, "--data", "bundled", "--limit", "200", "--target-latency", "0.2",
                    "--refine-rounds", "0", "-o", out.toString(), "--plan-out", planFile.toString());
        } finally {
            if (old == null) {
                System.clearProperty("prunescope.home");
            } else {
                System.setProperty("prunescope.home", old);
            }
        }
        // Whether the measured latency reaches −20 % depends on the machine; the plan either meets it or prunes the
        // table's costly groups to the limit and says so. Either way it writes the model.
        assertThat(r[0]).as(r[1] + r[2]).isIn("0", Integer.toString(CliMain.EXIT_BAD_INPUT));
        if (!r[0].equals("0")) {
            assertThat(r[1] + r[2]).contains("target NOT met");
        }
        assertThat(r[2]).contains("latency table: " + table);
        Map<String, Map<Integer, Double>> after = JSON.readValue(table.toFile(), new TypeReference<>() { });
        assertThat(after).as("nothing was missing from the table, so nothing was measured").isEqualTo(rows);

        // Which convolutions changed in the written file: only members of groups that touch a costly convolution.
        Model original = new OnnxReader().read(Path.of(MODEL)).model();
        Model pruned = new OnnxReader().read(out).model();
        Set<String> allowed = new HashSet<>();
        for (ChannelGroup g : ws.dependencies().prunableGroups()) {
            boolean touchesCostly = g.members().stream().anyMatch(m -> isCostly(shapes.get(m.node().name()), costly));
            if (touchesCostly) {
                g.members().stream().map(Member::node).map(Node::name).forEach(allowed::add);
            }
        }
        int changed = 0;
        double fullMs = 0;
        double prunedMs = 0;
        for (Map.Entry<String, ConvShape> e : shapes.entrySet()) {
            long[] before = weightDims(original, e.getKey());
            long[] now = weightDims(pruned, e.getKey());
            if (before[0] != now[0] || before[1] != now[1]) {
                changed++;
                assertThat(allowed).as("conv %s changed but no group of it costs anything in the table", e.getKey())
                        .contains(e.getKey());
            }
            // the table's prediction for the file, from its weight shapes: the row at the kept filter count, scaled by
            // the input channels kept (the table varies output counts only)
            ConvShape s = e.getValue();
            fullMs += tableMs(s, s.outChannels(), costly);
            prunedMs += tableMs(s, (int) now[0], costly) * now[1] / before[1];
        }
        assertThat(changed).as("the plan prunes something").isPositive();

        // The planner's model of the table predicts the same saving for the chosen plan as the file's shapes give.
        PruningPlan plan = ws.loadPlan(planFile);
        LatencyModel model = LatencyModel.of(ws, (s, c) -> tableMs(s, c, costly));
        double fromFile = 1 - prunedMs / fullMs;
        assertThat(fromFile).isPositive();
        assertThat(model.savedFraction(ws.decide(plan))).isCloseTo(fromFile, within(1e-9));

        // The written model runs, with the original's output shapes.
        Map<String, FloatTensor> feeds = new HashMap<>();
        ws.inputShapes().forEach((name, dims) -> feeds.put(name, FloatTensor.zeros(dims)));
        try (InferenceSession a = InferenceSession.open(Path.of(MODEL));
             InferenceSession b = InferenceSession.open(out)) {
            Map<String, FloatTensor> ya = a.run(feeds);
            Map<String, FloatTensor> yb = b.run(feeds);
            assertThat(yb.keySet()).isEqualTo(ya.keySet());
            ya.forEach((name, t) -> assertThat(yb.get(name).shape()).containsExactly(t.shape()));
            yb.values().forEach(t -> {
                for (float v : t.data()) {
                    assertThat(Float.isFinite(v)).isTrue();
                }
            });
        }
    }

    /** Milliseconds the synthetic table gives: MAC-like, blocked by 8 output channels, only on the costly row. */
    private static double tableMs(ConvShape s, int outChannels, String costly) {
        if (!isCostly(s, costly)) {
            return 0;
        }
        int blocked = (outChannels + 7) / 8 * 8;
        return s.withOutChannels(blocked).macs() * 1e-6;
    }

    private static boolean isCostly(ConvShape s, String costly) {
        return s != null && s.key().equals(costly);
    }

    private static long[] weightDims(Model m, String convName) {
        Node conv = m.graph().nodes().stream().filter(n -> n.name().equals(convName)).findFirst().orElseThrow();
        return m.graph().constant(conv.input(1)).orElseThrow().dims();
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliMain.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }
}
