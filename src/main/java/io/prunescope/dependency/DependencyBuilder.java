package io.prunescope.dependency;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.model.Attribute;
import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the channel groups by walking the graph once in topological order. Every tensor that carries channels
 * gets one union-find slot per channel; each op either joins slots (channel k in is channel k out; Concat shifts
 * them; Flatten fans one channel out to H·W features), starts new ones (a conv's filters), or — when its channel
 * meaning is unknown — blocks the tensors it reads. Connected slots form a unit; tensors joined through any slot
 * form a group.
 */
final class DependencyBuilder {

    private static final Set<String> UNARY = Set.of("Relu", "Sigmoid", "Tanh", "LeakyRelu", "Elu", "Selu",
            "HardSigmoid", "HardSwish", "Softplus", "Softsign", "Clip", "Erf", "Gelu", "Mish", "Exp", "Log", "Sqrt",
            "Neg", "Abs", "Reciprocal", "Cast", "Dropout", "Identity", "Floor", "Ceil", "Round", "Sign", "Celu",
            "ThresholdedRelu", "MaxPool", "AveragePool", "LpPool", "GlobalAveragePool", "GlobalMaxPool",
            "GlobalLpPool", "Resize", "Upsample", "Sin", "Cos", "IsNaN", "Swish", "CastLike", "Shrink");
    private static final Set<String> ELEMENTWISE = Set.of("Add", "Sub", "Mul", "Div", "Max", "Min", "Sum",
            "Mean", "Pow", "PRelu", "Where", "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And",
            "Or", "Xor", "Mod");
    private static final Set<String> REDUCE = Set.of("ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin",
            "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare");
    private static final Set<String> HARMLESS = Set.of("Shape", "Size", "Constant");

    private final ModelAnalysis analysis;
    private final Graph graph;
    private final Map<String, long[]> shapes;
    private final UnionFind slots = new UnionFind();
    private final UnionFind tensorSets = new UnionFind();
    private final Map<String, ChannelSpace> spaces = new LinkedHashMap<>();
    private final List<ChannelSpace> spaceList = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private final Map<Coupling, String> couplings = new LinkedHashMap<>();
    private final Map<String, String> blocked = new LinkedHashMap<>();
    private final Map<String, String> lateBlocks = new LinkedHashMap<>();

    DependencyBuilder(ModelAnalysis analysis) {
        this.analysis = analysis;
        this.graph = analysis.model().graph();
        this.shapes = analysis.shapes();
    }

    DependencyGraph build() {
        for (Node n : graph.nodes()) {
            visit(n);
        }
        // After the walk: the reader's order may put an If before the producers of the outer values it reads.
        lateBlocks.forEach(this::block);
        graph.outputs().forEach(o -> block(o.name(), "reaches the model output '" + o.name() + "'"));
        return assemble();
    }

    // ---- ops ----------------------------------------------------------------------------------------------

    private void visit(Node n) {
        String op = n.opType();
        if (!n.isStandardDomain()) {
            blockInputs(n, "custom op " + op + " '" + n.displayName() + "' has unknown channel semantics");
            return;
        }
        if (HARMLESS.contains(op)) {
            return;
        }
        if (n.attributes().values().stream().anyMatch(a -> a instanceof Attribute.Subgraph)) {
            controlFlow(n);
            return;
        }
        switch (op) {
            case "Conv" -> conv(n);
            case "ConvTranspose" -> convTranspose(n);
            case "Gemm" -> gemm(n);
            case "MatMul" -> matMul(n);
            case "BatchNormalization" -> normalization(n, 4);
            case "InstanceNormalization" -> normalization(n, 2);
            case "LayerNormalization" -> layerNorm(n);
            case "GroupNormalization" -> blockInputs(n, "GroupNormalization '" + n.displayName() + "' normalises"
                    + " across the channels of a group: removing one changes the others");
            case "Concat" -> concat(n);
            case "Split" -> split(n);
            case "Slice" -> slice(n);
            case "Flatten" -> flatten(n);
            case "Reshape", "Squeeze", "Unsqueeze" -> reshapeLike(n);
            case "Transpose" -> transpose(n);
            case "Softmax", "LogSoftmax", "Hardmax" -> softmax(n);
            case "Pad" -> pad(n);
            default -> {
                if (UNARY.contains(op)) {
                    unary(n);
                } else if (ELEMENTWISE.contains(op)) {
                    elementwise(n);
                } else if (REDUCE.contains(op)) {
                    reduce(n);
                } else {
                    blockInputs(n, op + " '" + n.displayName() + "' has unknown channel semantics");
                }
            }
        }
    }

    private void conv(Node n) {
        ChannelSpace in = space(n.input(0));
        Tensor w = constant(n.input(1));
        if (w == null || w.rank() < 3) {
            blockInputs(n, "Conv '" + n.displayName() + "' computes its weight at run time");
            return;
        }
        int cout = (int) w.dim(0);
        int cinPerGroup = (int) w.dim(1);
        int groups = (int) n.intAttr("group", 1);
        int cin = cinPerGroup * groups;
        ChannelSpace out = newSpace(n.output(0), 1, cout);
        String bias = n.input(2).isEmpty() ? null : n.input(2);
        if (groups > 1 && groups == cin && cout == cin) {
            if (in == null) {
                // Its filters are its input channels: without following them, removing a filter breaks the input.
                block(out.tensor(), "depthwise Conv '" + n.displayName() + "' reads channels PruneScope cannot"
                        + " follow, and each filter is tied to its input channel");
                return;
            }
            if (in != null) {
                join(in, 0, out, 0, cout);
                couple(n, in.tensor(), "depthwise convolution: input channel k is output channel k");
            }
            members.add(new Member(n, MemberRole.DEPTHWISE, out.tensor(), n.input(1), 0, 0));
        } else if (groups == 1) {
            if (in != null) {
                members.add(new Member(n, MemberRole.CONSUMER, in.tensor(), n.input(1), 1, 0));
            }
            members.add(new Member(n, MemberRole.PRODUCER, out.tensor(), n.input(1), 0, 0));
        } else if (cout % groups == 0) {
            int coutPerGroup = cout / groups;
            for (int g = 1; g < groups; g++) {
                join(out, 0, out, g * coutPerGroup, coutPerGroup);
            }
            couple(n, out.tensor(), "grouped convolution (" + groups + " groups): the same filter index goes in"
                    + " every group");
            members.add(new Member(n, MemberRole.PRODUCER, out.tensor(), n.input(1), 0, 0));
            if (in != null) {
                for (int g = 1; g < groups; g++) {
                    join(in, 0, in, g * cinPerGroup, cinPerGroup);
                }
                members.add(new Member(n, MemberRole.CONSUMER, in.tensor(), n.input(1), 1, cinPerGroup));
            }
        } else {
            blockInputs(n, "Conv '" + n.displayName() + "' has " + groups + " groups that do not divide its "
                    + cout + " filters");
            block(out.tensor(), "grouped Conv '" + n.displayName() + "' with uneven groups");
            return;
        }
        if (bias != null && constant(bias) != null) {
            members.add(new Member(n, MemberRole.FOLLOWER, out.tensor(), bias, 0, 0));
        }
    }

    private void convTranspose(Node n) {
        ChannelSpace in = space(n.input(0));
        Tensor w = constant(n.input(1));
        if (w == null || w.rank() < 3 || n.intAttr("group", 1) != 1) {
            blockInputs(n, "ConvTranspose '" + n.displayName() + "' is grouped or computes its weight");
            return;
        }
        ChannelSpace out = newSpace(n.output(0), 1, (int) w.dim(1));
        if (in != null) {
            members.add(new Member(n, MemberRole.CONSUMER, in.tensor(), n.input(1), 0, 0));
        }
        members.add(new Member(n, MemberRole.PRODUCER, out.tensor(), n.input(1), 1, 0));
        if (!n.input(2).isEmpty() && constant(n.input(2)) != null) {
            members.add(new Member(n, MemberRole.FOLLOWER, out.tensor(), n.input(2), 0, 0));
        }
    }

    private void gemm(Node n) {
        ChannelSpace in = space(n.input(0));
        Tensor b = constant(n.input(1));
        if (b == null || b.rank() != 2 || n.intAttr("transA", 0) != 0) {
            blockInputs(n, "Gemm '" + n.displayName() + "' has no constant weight or transposes its input");
            return;
        }
        boolean transB = n.intAttr("transB", 0) != 0;
        int outputs = (int) (transB ? b.dim(0) : b.dim(1));
        if (in != null) {
            if (in.axis() != 1) {
                block(in.tensor(), "Gemm '" + n.displayName() + "' reads channels on the wrong axis");
            } else {
                members.add(new Member(n, MemberRole.CONSUMER, in.tensor(), n.input(1), transB ? 1 : 0, 0));
            }
        }
        ChannelSpace out = newSpace(n.output(0), 1, outputs);
        members.add(new Member(n, MemberRole.PRODUCER, out.tensor(), n.input(1), transB ? 0 : 1, 0));
        Tensor c = n.input(2).isEmpty() ? null : constant(n.input(2));
        if (c != null && c.numel() == outputs && outputs > 1) {
            members.add(new Member(n, MemberRole.FOLLOWER, out.tensor(), n.input(2), c.rank() - 1, 0));
        }
    }

    private void matMul(Node n) {
        ChannelSpace in = space(n.input(0));
        Tensor b = constant(n.input(1));
        long[] outShape = shapes.get(n.output(0));
        if (b == null || b.rank() != 2 || outShape == null) {
            blockInputs(n, "MatMul '" + n.displayName() + "' has no constant 2-D weight");
            return;
        }
        long[] inShape = shapes.get(n.input(0));
        if (in != null) {
            if (inShape == null || in.axis() != inShape.length - 1) {
                block(in.tensor(), "MatMul '" + n.displayName() + "' reads channels on the wrong axis");
            } else {
                members.add(new Member(n, MemberRole.CONSUMER, in.tensor(), n.input(1), 0, 0));
            }
        }
        ChannelSpace out = newSpace(n.output(0), outShape.length - 1, (int) b.dim(1));
        members.add(new Member(n, MemberRole.PRODUCER, out.tensor(), n.input(1), 1, 0));
    }

    private void normalization(Node n, int vectors) {
        ChannelSpace out = passThrough(n, n.input(0), n.output(0));
        if (out == null) {
            return;
        }
        for (int i = 1; i <= vectors; i++) {
            Tensor t = constant(n.input(i));
            if (t != null && t.rank() == 1 && t.dim(0) == out.channels()) {
                members.add(new Member(n, MemberRole.FOLLOWER, out.tensor(), n.input(i), 0, 0));
            } else if (!n.input(i).isEmpty()) {
                blockInputs(n, n.opType() + " '" + n.displayName() + "' has a computed per-channel vector");
                return;
            }
        }
    }

    /**
     * If, Loop and Scan run subgraphs PruneScope does not look inside: every tensor they read, listed or from the
     * outer scope, has channels that cannot be followed into them.
     */
    private void controlFlow(Node n) {
        String why = n.opType() + " '" + n.displayName() + "' runs a subgraph PruneScope does not look inside:"
                + " channels that enter it cannot be followed";
        n.inputs().forEach(t -> lateBlocks.putIfAbsent(t, why));
        for (Attribute a : n.attributes().values()) {
            if (a instanceof Attribute.Subgraph sg) {
                sg.outerNames().forEach(t -> lateBlocks.putIfAbsent(t, why));
            }
        }
    }

    /** LayerNormalization normalises over the axes from {@code axis} to the last. */
    private void layerNorm(Node n) {
        ChannelSpace in = space(n.input(0));
        long[] shape = shapes.get(n.input(0));
        if (in == null) {
            return;
        }
        if (shape == null) {
            block(in.tensor(), "LayerNormalization '" + n.displayName() + "' has an unknown input shape");
            return;
        }
        long axis = n.intAttr("axis", -1);
        if (axis < 0) {
            axis += shape.length;
        }
        if (in.axis() >= axis) {
            block(in.tensor(), "LayerNormalization '" + n.displayName() + "' normalises over the channel axis:"
                    + " removing a channel changes every other channel's mean and variance");
            return;
        }
        passThrough(n, n.input(0), n.output(0));
    }

    private void unary(Node n) {
        passThrough(n, n.input(0), n.output(0));
    }

    private void pad(Node n) {
        ChannelSpace in = space(n.input(0));
        if (in == null) {
            return;
        }
        long[] pads = n.intsAttr("pads");
        if (pads == null && constant(n.input(1)) != null) {
            pads = constant(n.input(1)).toLongs();
        }
        int rank = pads == null ? 0 : pads.length / 2;
        if (pads == null || pads[in.axis()] != 0 || pads[in.axis() + rank] != 0) {
            block(in.tensor(), "Pad '" + n.displayName() + "' may pad the channel axis");
            return;
        }
        passThrough(n, n.input(0), n.output(0));
    }

    private void softmax(Node n) {
        ChannelSpace in = space(n.input(0));
        long[] shape = shapes.get(n.input(0));
        if (in == null || shape == null) {
            return;
        }
        long axis = n.intAttr("axis", graphOpsetAtLeast13() ? -1 : 1);
        if (axis < 0) {
            axis += shape.length;
        }
        if (axis == in.axis()) {
            block(in.tensor(), n.opType() + " '" + n.displayName() + "' normalises across channels");
            return;
        }
        passThrough(n, n.input(0), n.output(0));
    }

    private boolean graphOpsetAtLeast13() {
        return true;
    }

    private void elementwise(Node n) {
        long[] outShape = shapes.get(n.output(0));
        List<ChannelSpace> spaced = new ArrayList<>();
        for (String in : n.inputs()) {
            if (space(in) != null) {
                spaced.add(space(in));
            }
        }
        if (spaced.isEmpty()) {
            return;
        }
        if (outShape == null) {
            blockInputs(n, n.opType() + " '" + n.displayName() + "' has an unknown output shape");
            return;
        }
        int rank = outShape.length;
        int axis = -1;
        int channels = -1;
        for (ChannelSpace s : spaced) {
            int aligned = s.axis() + rank - shapes.get(s.tensor()).length;
            if (s.channels() == 1 && outShape[aligned] > 1) {
                blockInputs(n, n.opType() + " '" + n.displayName() + "' broadcasts one channel across many");
                return;
            }
            if (axis >= 0 && (aligned != axis || s.channels() != channels)) {
                blockInputs(n, n.opType() + " '" + n.displayName() + "' combines channels on different axes");
                return;
            }
            axis = aligned;
            channels = s.channels();
        }
        List<Member> followers = new ArrayList<>();
        for (String in : n.inputs()) {
            if (in.isEmpty() || space(in) != null) {
                continue;
            }
            long[] s = shapes.get(in);
            Tensor c = constant(in);
            if (c != null) {
                s = c.dims();
            }
            int j = s == null ? -1 : axis - (rank - s.length);
            boolean alongChannels = s != null && j >= 0 && s[j] == channels && channels > 1;
            if (alongChannels && c != null) {
                followers.add(new Member(n, MemberRole.FOLLOWER, n.output(0), in, j, 0));
            } else if (alongChannels || s == null) {
                blockInputs(n, n.opType() + " '" + n.displayName() + "' mixes these channels with '" + in
                        + "', whose channels PruneScope cannot follow");
                return;
            }
        }
        // Operands already in one group (SiLU's x · sigmoid(x)) join nothing new: no reason worth showing.
        boolean joinsGroups = spaced.stream().map(sp -> tensorSets.find(sp.id())).distinct().count() > 1;
        ChannelSpace out = newSpace(n.output(0), axis, channels);
        for (ChannelSpace s : spaced) {
            join(s, 0, out, 0, channels);
        }
        members.addAll(followers);
        if (joinsGroups) {
            String why = switch (n.opType()) {
                case "Add", "Sum" -> "residual/element-wise Add: both operands share channels";
                case "Mul" -> "element-wise Mul (e.g. a squeeze-excitation gate): both operands share channels";
                default -> "element-wise " + n.opType() + ": operands share channels";
            };
            couple(n, out.tensor(), why);
        }
    }

    private void concat(Node n) {
        long[] outShape = shapes.get(n.output(0));
        boolean any = n.inputs().stream().anyMatch(i -> space(i) != null);
        if (!any) {
            return;
        }
        if (outShape == null || n.inputs().stream().anyMatch(i -> space(i) == null)) {
            blockInputs(n, "Concat '" + n.displayName() + "' joins these channels with tensors PruneScope cannot follow");
            return;
        }
        long axis = n.intAttr("axis", 1);
        if (axis < 0) {
            axis += outShape.length;
        }
        ChannelSpace first = space(n.input(0));
        boolean sameAxis = n.inputs().stream().allMatch(i -> space(i).axis() == first.axis());
        if (!sameAxis) {
            blockInputs(n, "Concat '" + n.displayName() + "' joins tensors with channels on different axes");
            return;
        }
        if (axis == first.axis()) {
            int total = 0;
            for (String in : n.inputs()) {
                total += space(in).channels();
            }
            ChannelSpace out = newSpace(n.output(0), first.axis(), total);
            int offset = 0;
            for (String in : n.inputs()) {
                ChannelSpace s = space(in);
                join(s, 0, out, offset, s.channels());
                offset += s.channels();
            }
            couple(n, out.tensor(), "Concat along channels: each input's channels keep their place, shifted by"
                    + " the channels before them");
        } else {
            boolean same = n.inputs().stream().allMatch(i -> space(i).channels() == first.channels());
            if (!same) {
                blockInputs(n, "Concat '" + n.displayName() + "' joins tensors with different channel counts");
                return;
            }
            ChannelSpace out = newSpace(n.output(0), first.axis(), first.channels());
            for (String in : n.inputs()) {
                join(space(in), 0, out, 0, first.channels());
            }
            couple(n, out.tensor(), "Concat along another axis: channel k of every input is channel k");
        }
    }

    private void split(Node n) {
        ChannelSpace in = space(n.input(0));
        long[] inShape = shapes.get(n.input(0));
        if (in == null) {
            return;
        }
        long axis = n.intAttr("axis", 0);
        if (inShape == null) {
            block(in.tensor(), "Split '" + n.displayName() + "' has an unknown input shape");
            return;
        }
        if (axis < 0) {
            axis += inShape.length;
        }
        if (axis != in.axis()) {
            for (String out : n.outputs()) {
                if (!out.isEmpty()) {
                    passThrough(n, in.tensor(), out);
                }
            }
            return;
        }
        int offset = 0;
        for (String out : n.outputs()) {
            long[] s = shapes.get(out);
            if (s == null) {
                block(in.tensor(), "Split '" + n.displayName() + "' has outputs of unknown size");
                return;
            }
            int c = (int) s[in.axis()];
            if (!out.isEmpty()) {
                ChannelSpace o = newSpace(out, in.axis(), c);
                join(in, offset, o, 0, c);
            }
            offset += c;
        }
        members.add(new Member(n, MemberRole.SPLIT, in.tensor(), null, in.axis(), 0));
        couple(n, in.tensor(), "Split along channels: each output takes a contiguous range");
    }

    private void slice(Node n) {
        ChannelSpace in = space(n.input(0));
        long[] inShape = shapes.get(n.input(0));
        long[] outShape = shapes.get(n.output(0));
        if (in == null) {
            return;
        }
        if (inShape == null || outShape == null) {
            block(in.tensor(), "Slice '" + n.displayName() + "' has unknown shapes");
            return;
        }
        if (inShape[in.axis()] == outShape[in.axis()]) {
            passThrough(n, in.tensor(), n.output(0));
            return;
        }
        SliceRange r = SliceRange.of(n, in.axis(), inShape, graph, analysis);
        if (r == null || r.step() != 1) {
            block(in.tensor(), "Slice '" + n.displayName() + "' cuts the channel axis in a way PruneScope cannot"
                    + " follow (computed bounds or a step)");
            return;
        }
        int count = (int) outShape[in.axis()];
        ChannelSpace out = newSpace(n.output(0), in.axis(), count);
        join(in, (int) r.start(), out, 0, count);
        members.add(new Member(n, MemberRole.SLICE, in.tensor(), null, in.axis(), 0));
        couple(n, in.tensor(), "Slice along channels: the output is channels " + r.start() + ".."
                + (r.start() + count - 1) + " of the input");
    }

    private void flatten(Node n) {
        ChannelSpace in = space(n.input(0));
        long[] inShape = shapes.get(n.input(0));
        if (in == null) {
            return;
        }
        if (inShape == null || n.intAttr("axis", 1) != 1 || in.axis() != 1) {
            block(in.tensor(), "Flatten '" + n.displayName() + "' does not flatten from the channel axis");
            return;
        }
        fanOut(n, in, inShape, n.output(0), 1);
    }

    /** Channel c becomes features c·k … c·k+k−1, where k is the product of the dims after the channel axis. */
    private void fanOut(Node n, ChannelSpace in, long[] inShape, String output, int outAxis) {
        long per = 1;
        for (int i = in.axis() + 1; i < inShape.length; i++) {
            per *= inShape[i];
        }
        ChannelSpace out = newSpace(output, outAxis, (int) (in.channels() * per));
        for (int c = 0; c < in.channels(); c++) {
            for (int k = 0; k < per; k++) {
                slots.union(in.firstSlot() + c, out.firstSlot() + (int) (c * per + k));
            }
        }
        tensorSets.union(in.id(), out.id());
        if (per > 1) {
            couple(n, out.tensor(), "Flatten: channel c becomes features c·" + per + " … c·" + per + "+"
                    + (per - 1) + " of the next layer");
        }
    }

    private void reshapeLike(Node n) {
        ChannelSpace in = space(n.input(0));
        if (in == null) {
            return;
        }
        long[] a = shapes.get(n.input(0));
        long[] b = shapes.get(n.output(0));
        if (a == null || b == null) {
            block(in.tensor(), n.opType() + " '" + n.displayName() + "' has unknown shapes");
            return;
        }
        long before = product(a, 0, in.axis());
        long after = product(a, in.axis() + 1, a.length);
        // Same channels on some axis of the output, with the same amount of data before and after it.
        for (int j = 0; j < b.length; j++) {
            if (b[j] == in.channels() && product(b, 0, j) == before && product(b, j + 1, b.length) == after) {
                ChannelSpace out = passThroughTo(n, in, n.output(0), j);
                if (out != null && n.opType().equals("Reshape")) {
                    members.add(new Member(n, MemberRole.RESHAPE, out.tensor(), n.input(1), j, 0));
                }
                return;
            }
        }
        // Flatten-like: [N, C, d...] -> [N, C·d...].
        if (b.length == in.axis() + 1 && product(b, 0, in.axis()) == before && b[in.axis()] == in.channels() * after) {
            fanOut(n, in, a, n.output(0), in.axis());
            if (n.opType().equals("Reshape")) {
                members.add(new Member(n, MemberRole.RESHAPE, n.output(0), n.input(1), in.axis(), 0));
            }
            return;
        }
        if (n.opType().equals("Reshape") && channelShuffle(n, in, a, b)) {
            return;
        }
        block(in.tensor(), n.opType() + " '" + n.displayName() + "' splits or merges the channel axis ("
                + fmt(a) + " → " + fmt(b) + "), e.g. a channel shuffle or a detection head");
        tagDetectHead(n, in, b);
    }

    /**
     * A channel shuffle as exporters write it: Reshape {@code [N, C, …] → [N, g, C/g, …]}, Transpose swapping those
     * two axes, Reshape back to {@code [N, C, …]}. It is a fixed permutation, output channel {@code j·g + i} being
     * input channel {@code i·(C/g) + j}; it stays a shuffle after pruning only if every one of the g groups loses
     * the same positions, so channel j of every group is one unit. The intermediate 5-D tensors get no channel space:
     * nothing else may read them.
     */
    private boolean channelShuffle(Node first, ChannelSpace in, long[] a, long[] b) {
        int ax = in.axis();
        if (b.length != a.length + 1 || graph.isGraphOutput(first.output(0))) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (i != ax && a[i] != b[i < ax ? i : i + 1]) {
                return false;
            }
        }
        long g = b[ax];
        long k = b[ax + 1];
        List<Node> next = graph.consumers(first.output(0));
        if (g < 2 || k < 1 || g * k != in.channels() || next.size() != 1 || !next.get(0).opType().equals("Transpose")) {
            return false;
        }
        Node transpose = next.get(0);
        long[] perm = transpose.intsAttr("perm");
        if (perm == null || perm.length != b.length || graph.isGraphOutput(transpose.output(0))) {
            return false;
        }
        for (int i = 0; i < perm.length; i++) {
            long expected = i == ax ? ax + 1 : i == ax + 1 ? ax : i;
            if (perm[i] != expected) {
                return false;
            }
        }
        List<Node> after = graph.consumers(transpose.output(0));
        if (after.size() != 1 || !after.get(0).opType().equals("Reshape")) {
            return false;
        }
        Node last = after.get(0);
        if (!java.util.Arrays.equals(shapes.get(last.output(0)), a)) {
            return false;
        }
        ChannelSpace out = newSpace(last.output(0), ax, in.channels());
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < g; i++) {
                join(in, (int) (i * k + j), out, (int) (j * g + i), 1);
                join(in, (int) j, in, (int) (i * k + j), 1);
            }
        }
        // The first target's group size C/g shrinks by the removed count / g; the last one's C by the removed count.
        members.add(new Member(first, MemberRole.RESHAPE, in.tensor(), first.input(1), ax + 1, (int) g));
        members.add(new Member(last, MemberRole.RESHAPE, out.tensor(), last.input(1), ax, 0));
        couple(first, in.tensor(), "channel shuffle (" + g + " groups): channel j of every group moves together, so"
                + " the same positions go from each group");
        return true;
    }

    /** YOLO-style detection heads: a conv whose channels are reshaped into anchors × (classes + 5). */
    private void tagDetectHead(Node reshape, ChannelSpace in, long[] outShape) {
        if (outShape.length >= 5 && graph.producer(in.tensor()).map(p -> p.opType().equals("Conv")).orElse(false)) {
            blocked.put(in.tensor(), "output conv of a detection head: its channels are anchors × (classes + 5),"
                    + " reshaped by '" + reshape.displayName() + "'");
        }
    }

    private void transpose(Node n) {
        ChannelSpace in = space(n.input(0));
        if (in == null) {
            return;
        }
        long[] perm = n.intsAttr("perm");
        long[] shape = shapes.get(n.input(0));
        if (perm == null && shape != null) {
            perm = new long[shape.length];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = perm.length - 1 - i;
            }
        }
        if (perm == null) {
            block(in.tensor(), "Transpose '" + n.displayName() + "' has an unknown permutation");
            return;
        }
        for (int j = 0; j < perm.length; j++) {
            if (perm[j] == in.axis()) {
                passThroughTo(n, in, n.output(0), j);
                return;
            }
        }
    }

    private void reduce(Node n) {
        ChannelSpace in = space(n.input(0));
        long[] shape = shapes.get(n.input(0));
        if (in == null) {
            return;
        }
        long[] axes = n.intsAttr("axes");
        if (axes == null && !n.input(1).isEmpty() && constant(n.input(1)) != null) {
            axes = constant(n.input(1)).toLongs();
        }
        if (axes == null || shape == null) {
            block(in.tensor(), n.opType() + " '" + n.displayName() + "' reduces over all axes");
            return;
        }
        int removedBefore = 0;
        for (long ax : axes) {
            long a = ax < 0 ? ax + shape.length : ax;
            if (a == in.axis()) {
                block(in.tensor(), n.opType() + " '" + n.displayName() + "' reduces across channels");
                return;
            }
            if (a < in.axis()) {
                removedBefore++;
            }
        }
        boolean keep = n.intAttr("keepdims", 1) != 0;
        passThroughTo(n, in, n.output(0), keep ? in.axis() : in.axis() - removedBefore);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private ChannelSpace passThrough(Node n, String input, String output) {
        ChannelSpace in = space(input);
        if (in == null) {
            return null;
        }
        return passThroughTo(n, in, output, in.axis());
    }

    private ChannelSpace passThroughTo(Node n, ChannelSpace in, String output, int axis) {
        long[] outShape = shapes.get(output);
        if (outShape != null && (axis >= outShape.length || outShape[axis] != in.channels())) {
            block(in.tensor(), n.opType() + " '" + n.displayName() + "' changes the number of channels");
            return null;
        }
        ChannelSpace out = newSpace(output, axis, in.channels());
        join(in, 0, out, 0, in.channels());
        return out;
    }

    private ChannelSpace space(String tensor) {
        return tensor == null || tensor.isEmpty() ? null : spaces.get(tensor);
    }

    /**
     * The constant a node reads, directly or through Identity (torch's exporter shares equal initializers, e.g. the
     * zero biases of a fresh network, behind Identity nodes); the export edits a copy for the node in that case.
     */
    private Tensor constant(String tensor) {
        return tensor == null || tensor.isEmpty() ? null : io.prunescope.analysis.Weights.resolve(graph, tensor)
                .orElse(null);
    }

    private ChannelSpace newSpace(String tensor, int axis, int channels) {
        ChannelSpace existing = spaces.get(tensor);
        if (existing != null) {
            return existing;
        }
        int first = slots.add(channels);
        int id = tensorSets.add(1);
        ChannelSpace s = new ChannelSpace(tensor, id, axis, channels, first);
        spaces.put(tensor, s);
        spaceList.add(s);
        return s;
    }

    private void join(ChannelSpace a, int offsetA, ChannelSpace b, int offsetB, int count) {
        for (int c = 0; c < count; c++) {
            slots.union(a.firstSlot() + offsetA + c, b.firstSlot() + offsetB + c);
        }
        tensorSets.union(a.id(), b.id());
    }

    private void couple(Node n, String tensor, String reason) {
        couplings.put(new Coupling(n, reason), tensor);
    }

    private void block(String tensor, String reason) {
        if (spaces.containsKey(tensor)) {
            blocked.putIfAbsent(tensor, reason);
        }
    }

    private void blockInputs(Node n, String reason) {
        for (String in : n.inputs()) {
            block(in, reason);
        }
    }

    private static long product(long[] s, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p *= s[i];
        }
        return p;
    }

    private static String fmt(long[] s) {
        return io.prunescope.model.Shapes.format(s);
    }

    // ---- assembly -----------------------------------------------------------------------------------------

    private DependencyGraph assemble() {
        Map<Integer, List<ChannelSpace>> byGroup = new LinkedHashMap<>();
        for (ChannelSpace s : spaceList) {
            byGroup.computeIfAbsent(tensorSets.find(s.id()), k -> new ArrayList<>()).add(s);
        }
        Map<Integer, Integer> groupIdOfRoot = new HashMap<>();
        List<ChannelGroup> groups = new ArrayList<>();
        for (Map.Entry<Integer, List<ChannelSpace>> e : byGroup.entrySet()) {
            groupIdOfRoot.put(e.getKey(), groups.size());
            groups.add(null);
        }
        Map<Integer, List<Member>> membersByGroup = new HashMap<>();
        for (Member m : members) {
            membersByGroup.computeIfAbsent(groupIdOfRoot.get(tensorSets.find(spaces.get(m.tensor()).id())),
                    k -> new ArrayList<>()).add(m);
        }
        Map<Integer, List<Coupling>> couplingsByGroup = new HashMap<>();
        couplings.forEach((c, tensor) -> couplingsByGroup.computeIfAbsent(
                groupIdOfRoot.get(tensorSets.find(spaces.get(tensor).id())), k -> new ArrayList<>()).add(c));
        for (Map.Entry<Integer, List<ChannelSpace>> e : byGroup.entrySet()) {
            int gid = groupIdOfRoot.get(e.getKey());
            groups.set(gid, group(gid, e.getValue(), membersByGroup.getOrDefault(gid, List.of()),
                    couplingsByGroup.getOrDefault(gid, List.of())));
        }
        return new DependencyGraph(groups, spaces);
    }

    private ChannelGroup group(int gid, List<ChannelSpace> groupSpaces, List<Member> groupMembers,
                               List<Coupling> groupCouplings) {
        Map<Integer, List<int[]>> unitSlots = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (int si = 0; si < groupSpaces.size(); si++) {
            ChannelSpace s = groupSpaces.get(si);
            if (blocked.containsKey(s.tensor())) {
                reasons.put(s.tensor(), blocked.get(s.tensor()));
            }
            for (int c = 0; c < s.channels(); c++) {
                unitSlots.computeIfAbsent(slots.find(s.firstSlot() + c), k -> new ArrayList<>()).add(new int[]{si, c});
            }
        }
        List<ChannelUnit> units = new ArrayList<>(unitSlots.size());
        for (List<int[]> entries : unitSlots.values()) {
            String[] tensors = new String[entries.size()];
            int[] channels = new int[entries.size()];
            boolean prunable = true;
            for (int i = 0; i < entries.size(); i++) {
                ChannelSpace s = groupSpaces.get(entries.get(i)[0]);
                tensors[i] = s.tensor();
                channels[i] = entries.get(i)[1];
                prunable &= !blocked.containsKey(s.tensor());
            }
            units.add(new ChannelUnit(units.size(), tensors, channels, prunable));
        }
        List<String> tensors = groupSpaces.stream().map(ChannelSpace::tensor).toList();
        return new ChannelGroup(gid, tensors, units, groupMembers, groupCouplings, reasons);
    }
}
