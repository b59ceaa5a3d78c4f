package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded structural mutations of a model, for the fuzzing test: dimensions, element types, names, the links between
 * nodes, attribute values and external-data fields. Each call applies one mutation and says which.
 */
public final class ModelMutator {

    private static final long[] ODD_NUMBERS = {0, -1, 1, 2, 3, 7, 1L << 31, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE};

    private final Random r;

    public ModelMutator(long seed) {
        this.r = new Random(seed);
    }

    /** Applies one random mutation to {@code m}; returns a description for failure messages. */
    public String mutate(ModelProto.Builder m) {
        GraphProto.Builder g = m.getGraphBuilder();
        return switch (r.nextInt(10)) {
            case 0 -> initializerDims(g);
            case 1 -> initializerType(g);
            case 2 -> rename(g);
            case 3 -> relink(g);
            case 4 -> attribute(g);
            case 5 -> externalField(g);
            case 6 -> valueInfoDims(g);
            case 7 -> dropOrDuplicateNode(g);
            case 8 -> truncateRaw(g);
            default -> versions(m);
        };
    }

    private long odd() {
        return ODD_NUMBERS[r.nextInt(ODD_NUMBERS.length)];
    }

    private String initializerDims(GraphProto.Builder g) {
        if (g.getInitializerCount() == 0) {
            return "none";
        }
        int i = r.nextInt(g.getInitializerCount());
        TensorProto.Builder t = g.getInitializerBuilder(i);
        if (t.getDimsCount() == 0 || r.nextInt(4) == 0) {
            t.addDims(odd());
            return "initializer " + t.getName() + " gains a dim";
        }
        int d = r.nextInt(t.getDimsCount());
        long v = r.nextBoolean() ? odd() : t.getDims(d) + (r.nextBoolean() ? 1 : -1);
        t.setDims(d, v);
        return "initializer " + t.getName() + " dim " + d + " = " + v;
    }

    private String initializerType(GraphProto.Builder g) {
        if (g.getInitializerCount() == 0) {
            return "none";
        }
        TensorProto.Builder t = g.getInitializerBuilder(r.nextInt(g.getInitializerCount()));
        int type = r.nextInt(5) == 0 ? 99 : r.nextInt(24);
        t.setDataType(type);
        return "initializer " + t.getName() + " type " + type;
    }

    private List<String> names(GraphProto.Builder g) {
        List<String> names = new ArrayList<>();
        g.getInitializerList().forEach(t -> names.add(t.getName()));
        g.getNodeList().forEach(n -> names.addAll(n.getOutputList()));
        g.getInputList().forEach(v -> names.add(v.getName()));
        names.add("");
        names.add("no_such_tensor");
        return names;
    }

    private String rename(GraphProto.Builder g) {
        List<String> names = names(g);
        String to = names.get(r.nextInt(names.size()));
        switch (r.nextInt(3)) {
            case 0 -> {
                if (g.getInitializerCount() == 0) {
                    return "none";
                }
                g.getInitializerBuilder(r.nextInt(g.getInitializerCount())).setName(to);
                return "initializer renamed to '" + to + "'";
            }
            case 1 -> {
                NodeProto.Builder n = g.getNodeBuilder(r.nextInt(g.getNodeCount()));
                if (n.getOutputCount() == 0) {
                    return "none";
                }
                n.setOutput(0, to);
                return "node " + n.getName() + " output renamed to '" + to + "'";
            }
            default -> {
                NodeProto.Builder n = g.getNodeBuilder(r.nextInt(g.getNodeCount()));
                n.setName(r.nextBoolean() ? "" : to);
                return "node renamed to '" + n.getName() + "'";
            }
        }
    }

    private String relink(GraphProto.Builder g) {
        NodeProto.Builder n = g.getNodeBuilder(r.nextInt(g.getNodeCount()));
        List<String> names = names(g);
        switch (r.nextInt(4)) {
            case 0 -> {
                if (n.getInputCount() == 0) {
                    return "none";
                }
                int k = r.nextInt(n.getInputCount());
                String to = names.get(r.nextInt(names.size()));
                n.setInput(k, to);
                return "node " + n.getName() + " input " + k + " -> '" + to + "'";
            }
            case 1 -> {
                List<String> in = new ArrayList<>(n.getInputList());
                if (!in.isEmpty()) {
                    in.remove(r.nextInt(in.size()));
                }
                n.clearInput().addAllInput(in);
                return "node " + n.getName() + " loses an input";
            }
            case 2 -> {
                // Reads its own output: a cycle.
                if (n.getOutputCount() == 0) {
                    return "none";
                }
                n.addInput(n.getOutput(0));
                return "node " + n.getName() + " reads its own output";
            }
            default -> {
                n.addInput(names.get(r.nextInt(names.size())));
                return "node " + n.getName() + " gains an input";
            }
        }
    }

    private String attribute(GraphProto.Builder g) {
        NodeProto.Builder n = g.getNodeBuilder(r.nextInt(g.getNodeCount()));
        if (n.getAttributeCount() == 0 || r.nextInt(4) == 0) {
            String[] names = {"group", "axis", "kernel_shape", "strides", "pads", "dilations", "transB", "epsilon"};
            String name = names[r.nextInt(names.length)];
            n.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
                    .setI(odd()));
            return "node " + n.getName() + " gains " + name;
        }
        int k = r.nextInt(n.getAttributeCount());
        AttributeProto.Builder a = n.getAttributeBuilder(k);
        switch (r.nextInt(4)) {
            case 0 -> a.setI(odd());
            case 1 -> {
                a.clearInts();
                int len = r.nextInt(6);
                for (int i = 0; i < len; i++) {
                    a.addInts(odd());
                }
            }
            case 2 -> a.setType(AttributeProto.AttributeType.forNumber(r.nextInt(15)) == null
                    ? AttributeProto.AttributeType.UNDEFINED : AttributeProto.AttributeType.forNumber(r.nextInt(15)));
            default -> a.setF(r.nextBoolean() ? Float.NaN : -1e30f);
        }
        return "node " + n.getName() + " attribute " + a.getName() + " changed";
    }

    private String externalField(GraphProto.Builder g) {
        if (g.getInitializerCount() == 0) {
            return "none";
        }
        TensorProto.Builder t = g.getInitializerBuilder(r.nextInt(g.getInitializerCount()));
        String[][] choices = {{"location", "../escape.bin"}, {"location", "/etc/passwd"}, {"location", ""},
            {"location", "m.onnx"}, {"location", "missing.bin"}, {"location", "w.bin\u0000x"},
            {"offset", "-8"}, {"offset", "99999999999"}, {"offset", "ten"}, {"length", "1"}, {"length", "-1"},
            {"length", "9223372036854775807"}, {"checksum", "x"}};
        String[] c = choices[r.nextInt(choices.length)];
        boolean wasExternal = t.getDataLocation() == TensorProto.DataLocation.EXTERNAL;
        if (!wasExternal) {
            t.setDataLocation(TensorProto.DataLocation.EXTERNAL).clearRawData()
                    .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("w.bin"));
        }
        List<StringStringEntryProto> kept = new ArrayList<>();
        for (StringStringEntryProto e : t.getExternalDataList()) {
            if (!e.getKey().equals(c[0])) {
                kept.add(e);
            }
        }
        kept.add(StringStringEntryProto.newBuilder().setKey(c[0]).setValue(c[1]).build());
        t.clearExternalData().addAllExternalData(kept);
        return "initializer " + t.getName() + " external " + c[0] + " = '" + c[1] + "'";
    }

    private String valueInfoDims(GraphProto.Builder g) {
        List<ValueInfoProto.Builder> infos = new ArrayList<>(g.getInputBuilderList());
        infos.addAll(g.getOutputBuilderList());
        infos.addAll(g.getValueInfoBuilderList());
        if (infos.isEmpty()) {
            return "none";
        }
        ValueInfoProto.Builder v = infos.get(r.nextInt(infos.size()));
        if (!v.getType().hasTensorType()) {
            return "none";
        }
        TensorShapeProto.Builder s = v.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
        if (s.getDimCount() == 0 || r.nextInt(4) == 0) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(odd()));
        } else {
            s.setDim(r.nextInt(s.getDimCount()), TensorShapeProto.Dimension.newBuilder().setDimValue(odd()));
        }
        if (r.nextInt(5) == 0) {
            v.getTypeBuilder().getTensorTypeBuilder().setElemType(r.nextInt(30));
        }
        return "value " + v.getName() + " shape/type changed";
    }

    private String dropOrDuplicateNode(GraphProto.Builder g) {
        int i = r.nextInt(g.getNodeCount());
        if (r.nextBoolean()) {
            String name = g.getNode(i).getName();
            g.removeNode(i);
            return "node " + name + " removed";
        }
        g.addNode(g.getNode(i));
        return "node " + g.getNode(i).getName() + " duplicated";
    }

    private String truncateRaw(GraphProto.Builder g) {
        if (g.getInitializerCount() == 0) {
            return "none";
        }
        TensorProto.Builder t = g.getInitializerBuilder(r.nextInt(g.getInitializerCount()));
        ByteString raw = t.getRawData();
        int cut = raw.isEmpty() ? 0 : r.nextInt(raw.size());
        t.setRawData(raw.substring(0, cut));
        return "initializer " + t.getName() + " raw data cut to " + cut + " bytes";
    }

    private String versions(ModelProto.Builder m) {
        if (r.nextBoolean()) {
            long ir = odd();
            m.setIrVersion(ir);
            return "ir_version " + ir;
        }
        if (m.getOpsetImportCount() > 0) {
            long v = r.nextBoolean() ? odd() : 6 + r.nextInt(20);
            m.getOpsetImportBuilder(0).setVersion(v);
            return "opset " + v;
        }
        return "none";
    }
}
