package io.prunescope.analysis;

import io.prunescope.model.Attribute;
import io.prunescope.model.DataType;
import io.prunescope.model.Dim;
import io.prunescope.model.Graph;
import io.prunescope.model.Model;
import io.prunescope.model.Node;
import io.prunescope.model.Shape;
import io.prunescope.model.Shapes;
import io.prunescope.model.Tensor;
import io.prunescope.model.TensorType;
import io.prunescope.model.ValueInfo;
import io.prunescope.model.WeightSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test-only builder of small in-memory models (no protobuf): nodes are added in topological order. */
public final class TestModels {

    private final long opset;
    private final List<Node> nodes = new ArrayList<>();
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final Map<String, Tensor> constants = new LinkedHashMap<>();
    private final Map<String, WeightSource> sources = new LinkedHashMap<>();

    public TestModels(long opset) {
        this.opset = opset;
    }

    public TestModels() {
        this(17);
    }

    public TestModels input(String name, long... dims) {
        inputs.add(new ValueInfo(name, new TensorType(DataType.FLOAT, Shape.of(dims))));
        return this;
    }

    /** An input with symbolic dimensions: a String is a symbol, a Number a size. */
    public TestModels symbolicInput(String name, Object... dims) {
        List<Dim> ds = Arrays.stream(dims).map(d -> d instanceof Number n ? Dim.of(n.longValue())
                : Dim.symbolic(d.toString())).toList();
        inputs.add(new ValueInfo(name, new TensorType(DataType.FLOAT, new Shape(ds))));
        return this;
    }

    /** A float initializer filled with zeros. */
    public TestModels weight(String name, long... dims) {
        constants.put(name, Tensor.ofFloats(name, dims, new float[(int) Shapes.numel(dims)], DataType.FLOAT));
        sources.put(name, WeightSource.INITIALIZER);
        return this;
    }

    public TestModels floats(String name, long[] dims, float... values) {
        constants.put(name, Tensor.ofFloats(name, dims, values, DataType.FLOAT));
        sources.put(name, WeightSource.INITIALIZER);
        return this;
    }

    /** A 1-D int64 initializer. */
    public TestModels ints(String name, long... values) {
        constants.put(name, Tensor.ofLongs(name, new long[]{values.length}, values));
        sources.put(name, WeightSource.INITIALIZER);
        return this;
    }

    /** A scalar int64 initializer. */
    public TestModels scalar(String name, long value) {
        constants.put(name, Tensor.ofLongs(name, new long[0], new long[]{value}));
        sources.put(name, WeightSource.INITIALIZER);
        return this;
    }

    /** A float weight held in a Constant node (as paddle2onnx writes weights). */
    public TestModels constantNode(String name, long... dims) {
        Tensor t = Tensor.ofFloats(name, dims, new float[(int) Shapes.numel(dims)], DataType.FLOAT);
        constants.put(name, t);
        sources.put(name, WeightSource.CONSTANT_NODE);
        nodes.add(new Node(nodes.size(), "", "Constant", "", List.of(), List.of(name),
                Map.of("value", new Attribute.TensorValue(t))));
        return this;
    }

    public TestModels output(String name) {
        outputs.add(new ValueInfo(name, null));
        return this;
    }

    public NodeBuilder op(String opType) {
        return new NodeBuilder(opType);
    }

    public Model build() {
        Graph g = new Graph("test", nodes, inputs, outputs, Map.of(), constants, sources);
        return new Model(null, "0", 0, 8, Map.of("", opset), "test", "", "", Map.of(), g);
    }

    public final class NodeBuilder {
        private final String opType;
        private String name = "";
        private List<String> in = List.of();
        private List<String> out = List.of();
        private final Map<String, Attribute> attrs = new LinkedHashMap<>();

        NodeBuilder(String opType) {
            this.opType = opType;
        }

        public NodeBuilder name(String n) {
            this.name = n;
            return this;
        }

        public NodeBuilder in(String... names) {
            this.in = List.of(names);
            return this;
        }

        public NodeBuilder out(String... names) {
            this.out = List.of(names);
            return this;
        }

        public NodeBuilder i(String key, long v) {
            attrs.put(key, new Attribute.IntValue(v));
            return this;
        }

        public NodeBuilder f(String key, float v) {
            attrs.put(key, new Attribute.FloatValue(v));
            return this;
        }

        public NodeBuilder s(String key, String v) {
            attrs.put(key, new Attribute.StringValue(v));
            return this;
        }

        public NodeBuilder ints(String key, long... v) {
            attrs.put(key, Attribute.IntList.of(v));
            return this;
        }

        public NodeBuilder floats(String key, float... v) {
            List<Float> l = new ArrayList<>();
            for (float x : v) {
                l.add(x);
            }
            attrs.put(key, new Attribute.FloatList(l));
            return this;
        }

        public TestModels add() {
            nodes.add(new Node(nodes.size(), name, opType, "", in, out, attrs));
            return TestModels.this;
        }
    }
}
