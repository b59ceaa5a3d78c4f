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
import io.prunescope.files.AtomicFiles;
import io.prunescope.model.Attribute;
import io.prunescope.model.ModelEdit;
import io.prunescope.model.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes a model back: the original protobuf message with a {@link ModelEdit} applied. Anything the edit does not
 * name — node order, names, doc strings, metadata, opsets, functions, unknown fields — is kept as it was read.
 * Tensors that were in external data are written inline (their bytes are unchanged).
 */
public final class OnnxWriter {

    public byte[] toBytes(OnnxDocument doc, ModelEdit edit) {
        return apply(doc, edit).toByteArray();
    }

    /**
     * Writes atomically (temporary file in the target folder, flushed, re-read and parsed, then moved in place)
     * and never over the file the model came from.
     */
    public void write(OnnxDocument doc, ModelEdit edit, Path target) throws IOException {
        Path source = doc.model().source();
        if (source != null && (source.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())
                || AtomicFiles.sameFile(source, target))) {
            throw new IOException("refusing to overwrite the model that is open (" + source.getFileName()
                    + "): choose another file name");
        }
        byte[] bytes = toBytes(doc, edit);
        AtomicFiles.write(target, out -> out.write(bytes), written -> {
            try {
                new OnnxReader().read(written);
            } catch (ModelLoadException e) {
                throw new IOException("the written model does not read back: " + e.getMessage(), e);
            }
        });
    }

    ModelProto apply(OnnxDocument doc, ModelEdit edit) {
        ModelProto original = doc.proto();
        if (edit.isEmpty() && !hasExternalData(original.getGraph())) {
            return original;
        }
        ModelProto.Builder model = original.toBuilder();
        GraphProto.Builder graph = model.getGraphBuilder();
        Map<String, Tensor> constants = doc.model().graph().constants();

        for (int i = 0; i < graph.getInitializerCount(); i++) {
            TensorProto t = graph.getInitializer(i);
            Tensor replacement = edit.replacedTensors().get(t.getName());
            if (replacement != null) {
                graph.setInitializer(i, toProto(replacement, t));
            } else if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                graph.setInitializer(i, toProto(constants.get(t.getName()), t));
            }
        }
        // Graph inputs that mirror initializers (IR < 4 style) must follow a reshaped initializer.
        for (int i = 0; i < graph.getInputCount(); i++) {
            Tensor replacement = edit.replacedTensors().get(graph.getInput(i).getName());
            if (replacement != null && graph.getInput(i).getType().hasTensorType()) {
                graph.setInput(i, withShape(graph.getInput(i), replacement.dims()));
            }
        }

        Map<Integer, NodeProto> rebuilt = new LinkedHashMap<>();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            if (edit.removedNodes().contains(i)) {
                continue;
            }
            NodeProto n = graph.getNode(i);
            NodeProto.Builder nb = null;
            if (n.getOpType().equals("Constant") && n.getOutputCount() == 1
                    && edit.replacedTensors().containsKey(n.getOutput(0))) {
                nb = n.toBuilder();
                replaceConstantValue(nb, edit.replacedTensors().get(n.getOutput(0)));
            }
            Map<String, Attribute> attrs = edit.attributes().get(i);
            if (attrs != null) {
                nb = nb == null ? n.toBuilder() : nb;
                for (Map.Entry<String, Attribute> e : attrs.entrySet()) {
                    setAttribute(nb, e.getKey(), e.getValue());
                }
            }
            if (!edit.rewiredInputs().isEmpty()) {
                for (int k = 0; k < n.getInputCount(); k++) {
                    String to = edit.rewiredInputs().get(n.getInput(k));
                    if (to != null) {
                        nb = nb == null ? n.toBuilder() : nb;
                        nb.setInput(k, to);
                    }
                }
            }
            rebuilt.put(i, nb == null ? n : nb.build());
        }
        graph.clearNode();
        graph.addAllNode(rebuilt.values());
        // A rewired graph output keeps its name through an Identity, so the model's interface stays the same.
        for (ValueInfoProto out : graph.getOutputList()) {
            String to = edit.rewiredInputs().get(out.getName());
            if (to != null) {
                graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName("prunescope_keep_" + out.getName())
                        .addInput(to).addOutput(out.getName()));
            }
        }

        for (int i = 0; i < graph.getInputCount(); i++) {
            long[] dims = edit.fixedInputShapes().get(graph.getInput(i).getName());
            if (dims != null) {
                graph.setInput(i, withShape(graph.getInput(i), dims));
            }
        }
        if (edit.dropsIntermediateShapes()) {
            graph.clearValueInfo();
        }
        Set<String> outputs = new HashSet<>();
        graph.getOutputList().forEach(o -> outputs.add(o.getName()));
        for (String name : edit.addedOutputs()) {
            if (outputs.add(name)) {
                ValueInfoProto declared = graph.getValueInfoList().stream().filter(v -> v.getName().equals(name))
                        .findFirst().orElse(null);
                // Undeclared: leave the type out and let the runtime infer it (declaring FLOAT would make
                // ONNX Runtime refuse int64/bool tensors such as shape arithmetic).
                graph.addOutput(declared != null ? declared : ValueInfoProto.newBuilder().setName(name).build());
            }
        }
        if (!edit.metadata().isEmpty()) {
            Map<String, String> meta = new LinkedHashMap<>();
            model.getMetadataPropsList().forEach(e -> meta.put(e.getKey(), e.getValue()));
            meta.putAll(edit.metadata());
            model.clearMetadataProps();
            meta.forEach((k, v) -> model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        }
        return model.build();
    }

    private static boolean hasExternalData(GraphProto g) {
        return g.getInitializerList().stream().anyMatch(t -> t.getDataLocation() == TensorProto.DataLocation.EXTERNAL);
    }

    /** The tensor as raw little-endian bytes, keeping the original's name and doc string. */
    static TensorProto toProto(Tensor t, TensorProto original) {
        TensorProto.Builder b = TensorProto.newBuilder()
                .setName(original != null ? original.getName() : t.name())
                .setDataType(t.type().code())
                .setRawData(ByteString.copyFrom(t.payload()));
        for (long d : t.dims()) {
            b.addDims(d);
        }
        if (original != null && !original.getDocString().isEmpty()) {
            b.setDocString(original.getDocString());
        }
        return b.build();
    }

    private static void replaceConstantValue(NodeProto.Builder nb, Tensor value) {
        for (int i = nb.getAttributeCount() - 1; i >= 0; i--) {
            String name = nb.getAttribute(i).getName();
            if (name.startsWith("value")) {
                nb.removeAttribute(i);
            }
        }
        nb.addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                .setT(toProto(value, null)));
    }

    private static void setAttribute(NodeProto.Builder nb, String name, Attribute value) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (value instanceof Attribute.IntValue v) {
            a.setType(AttributeProto.AttributeType.INT).setI(v.value());
        } else if (value instanceof Attribute.FloatValue v) {
            a.setType(AttributeProto.AttributeType.FLOAT).setF(v.value());
        } else if (value instanceof Attribute.StringValue v) {
            a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(v.value()));
        } else if (value instanceof Attribute.IntList v) {
            a.setType(AttributeProto.AttributeType.INTS).addAllInts(v.values());
        } else if (value instanceof Attribute.FloatList v) {
            a.setType(AttributeProto.AttributeType.FLOATS).addAllFloats(v.values());
        } else if (value instanceof Attribute.StringList v) {
            a.setType(AttributeProto.AttributeType.STRINGS);
            v.values().forEach(str -> a.addStrings(ByteString.copyFromUtf8(str)));
        } else if (value instanceof Attribute.TensorValue v) {
            a.setType(AttributeProto.AttributeType.TENSOR).setT(toProto(v.value(), null));
        } else {
            throw new IllegalArgumentException("cannot write attribute '" + name + "' of kind " + value);
        }
        for (int i = 0; i < nb.getAttributeCount(); i++) {
            if (nb.getAttribute(i).getName().equals(name)) {
                nb.setAttribute(i, a);
                return;
            }
        }
        nb.addAttribute(a);
    }

    private static ValueInfoProto withShape(ValueInfoProto v, long[] dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        ValueInfoProto.Builder b = v.toBuilder();
        b.getTypeBuilder().getTensorTypeBuilder().setShape(shape);
        return b.build();
    }
}
