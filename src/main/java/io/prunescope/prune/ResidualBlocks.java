package io.prunescope.prune;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.model.Graph;
import io.prunescope.model.Node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds residual branches that can be removed whole (DESIGN §3, layer/block): an Add whose one operand is the
 * other operand transformed by a chain of nodes used nowhere else. Removing the branch and the Add leaves the
 * skip connection, so the block becomes the identity.
 */
public final class ResidualBlocks {

    /** A removable branch: its nodes, the Add that closes it, and the skip tensor that replaces the Add's output. */
    public record Block(Node add, String skip, List<Node> branch) {
        public String name() {
            return add.displayName();
        }
    }

    private ResidualBlocks() {
    }

    public static List<Block> find(ModelAnalysis analysis) {
        Graph g = analysis.model().graph();
        List<Block> out = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (!n.opType().equals("Add") || n.inputs().size() != 2) {
                continue;
            }
            long[] outShape = analysis.shapes().get(n.output(0));
            for (int side = 0; side < 2; side++) {
                String branchOut = n.input(side);
                String skip = n.input(1 - side);
                long[] skipShape = analysis.shapes().get(skip);
                if (outShape == null || skipShape == null || !Arrays.equals(outShape, skipShape)
                        || g.isConstant(skip) || g.isConstant(branchOut)) {
                    continue;
                }
                List<Node> branch = branch(g, n, branchOut, skip);
                if (branch != null && branch.stream().anyMatch(b -> b.opType().equals("Conv")
                        || b.opType().equals("Gemm") || b.opType().equals("MatMul"))) {
                    out.add(new Block(n, skip, branch));
                    break;
                }
            }
        }
        return out;
    }

    /** Nodes between {@code skip} and {@code branchOut}, or null when the branch is not self-contained. */
    private static List<Node> branch(Graph g, Node add, String branchOut, String skip) {
        Set<Node> nodes = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.push(branchOut);
        boolean reachesSkip = false;
        while (!todo.isEmpty()) {
            String t = todo.pop();
            if (t.equals(skip)) {
                reachesSkip = true;
                continue;
            }
            if (t.isEmpty() || g.isConstant(t)) {
                continue;
            }
            Node p = g.producer(t).orElse(null);
            if (p == null || p.opType().equals("Constant")) {
                if (p == null) {
                    return null;
                }
                continue;
            }
            if (nodes.add(p)) {
                if (nodes.size() > 64) {
                    return null;
                }
                p.inputs().forEach(todo::push);
            }
        }
        if (!reachesSkip || nodes.isEmpty()) {
            return null;
        }
        for (Node b : nodes) {
            for (String o : b.outputs()) {
                if (g.isGraphOutput(o)) {
                    return null;
                }
                for (Node reader : g.consumers(o)) {
                    if (reader != add && !nodes.contains(reader)) {
                        return null;
                    }
                }
            }
        }
        List<Node> ordered = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (nodes.contains(n)) {
                ordered.add(n);
            }
        }
        return ordered;
    }
}
