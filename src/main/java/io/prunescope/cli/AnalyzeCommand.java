package io.prunescope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.analysis.NodeCost;
import io.prunescope.analysis.ShapeInference;
import io.prunescope.model.Model;
import io.prunescope.model.Node;
import io.prunescope.model.Shapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code analyze MODEL}: every node's output shape, parameters and MACs, and the totals. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Show the output shape, parameters and MACs of every node of an ONNX model, and the totals.")
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "An .onnx (or .onnx.gz) file.")
    Path model;

    @Mixin
    ModelOptions options = new ModelOptions();

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--all", description = "List every node, also those without parameters or MACs.")
    boolean all;

    @Option(names = "--no-fallback", description = "Static shape inference only; do not ask ONNX Runtime.")
    boolean noFallback;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModelAnalysis a;
        try {
            a = options.load(model, !noFallback).analysis();
        } catch (BadInput | IllegalArgumentException e) {
            return options.fail(err, e.getMessage(), e);
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(toJson(a)));
        } else {
            out.print(table(a, all));
        }
        out.flush();
        return 0;
    }

    static boolean listed(NodeCost c, boolean all) {
        return all ? !c.node().opType().equals("Constant") : c.params() > 0 || c.macs() > 0;
    }

    static String outputShape(ModelAnalysis a, Node n) {
        long[] s = a.shapes().get(n.output(0));
        return s == null ? "?" : Shapes.format(s);
    }

    static String percent(long macs, long total) {
        return total == 0 ? "0.00" : String.format(Locale.ROOT, "%.2f", 100.0 * macs / total);
    }

    static String table(ModelAnalysis a, boolean all) {
        Model m = a.model();
        StringBuilder sb = new StringBuilder();
        sb.append(m.displayName()).append("  (opset ").append(m.opset()).append(", ")
                .append(m.graph().nodes().size()).append(" nodes)\n");
        a.inputShapes().forEach((k, v) -> sb.append("input ").append(k).append(' ').append(Shapes.format(v))
                .append('\n'));
        sb.append('\n');
        Common.Table t = new Common.Table(new String[]{"#", "name", "op", "output shape", "params", "MACs", "% MACs"},
                new boolean[]{true, false, false, false, true, true, true});
        int i = 0;
        for (NodeCost c : a.costs()) {
            if (!listed(c, all)) {
                continue;
            }
            t.add(Integer.toString(++i), c.node().displayName(), c.node().opType(), outputShape(a, c.node()),
                    Common.group(c.params()), Common.group(c.macs()), percent(c.macs(), a.totalMacs()));
        }
        sb.append(t.render()).append('\n');
        sb.append(String.format(Locale.ROOT, "params  %s (%.3f M)%n", Common.group(a.totalParams()),
                a.totalParams() / 1e6));
        sb.append(String.format(Locale.ROOT, "MACs    %s (%.3f G)%n", Common.group(a.totalMacs()),
                a.totalMacs() / 1e9));
        sb.append(String.format(Locale.ROOT, "GFLOPs  %.3f (2 x MACs)%n", a.totalFlops() / 1e9));
        sb.append("prunable layers ").append(a.prunableLayers().size()).append('\n');
        ShapeInference.Result r = a.shapeReport();
        if (r != null) {
            if (!r.fromFallback().isEmpty()) {
                sb.append("shapes from ONNX Runtime (static inference could not): ").append(r.fromFallback().size())
                        .append('\n');
            }
            if (!r.unsupportedOps().isEmpty()) {
                sb.append("ops unknown to static inference: ").append(r.unsupportedOps()).append('\n');
            }
            if (!r.unresolved().isEmpty()) {
                sb.append("WARNING: no shape for ").append(r.unresolved().size()).append(" tensors ")
                        .append(r.unresolved().subList(0, Math.min(10, r.unresolved().size())))
                        .append(r.unresolved().size() > 10 ? " ..." : "")
                        .append(": their nodes count 0 MACs\n");
            }
            r.notes().forEach(n -> sb.append("note: ").append(n).append('\n'));
        }
        return sb.toString();
    }

    static Map<String, Object> toJson(ModelAnalysis a) {
        Map<String, Object> root = new LinkedHashMap<>();
        Model m = a.model();
        root.put("model", m.source() == null ? m.displayName() : m.source().toString());
        root.put("sha256", m.sha256());
        root.put("opset", m.opset());
        root.put("inputs", a.inputShapes());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (NodeCost c : a.costs()) {
            if (c.node().opType().equals("Constant")) {
                continue;
            }
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("name", c.node().displayName());
            l.put("op", c.node().opType());
            long[] s = a.shapes().get(c.node().output(0));
            l.put("outputShape", s);
            l.put("params", c.params());
            l.put("macs", c.macs());
            l.put("macsPercent", a.totalMacs() == 0 ? 0.0 : 100.0 * c.macs() / a.totalMacs());
            layers.add(l);
        }
        root.put("layers", layers);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("params", a.totalParams());
        totals.put("macs", a.totalMacs());
        totals.put("flops", a.totalFlops());
        totals.put("gflops", a.totalFlops() / 1e9);
        totals.put("prunableLayers", a.prunableLayers().size());
        root.put("totals", totals);
        ShapeInference.Result r = a.shapeReport();
        if (r != null) {
            Map<String, Object> shapes = new LinkedHashMap<>();
            shapes.put("fromFallback", r.fromFallback());
            shapes.put("unresolved", r.unresolved());
            shapes.put("unsupportedOps", r.unsupportedOps());
            shapes.put("notes", r.notes());
            root.put("shapeInference", shapes);
        }
        return root;
    }
}
