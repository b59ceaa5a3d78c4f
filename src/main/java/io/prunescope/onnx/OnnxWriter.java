package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import io.prunescope.files.AtomicFiles;
import io.prunescope.task.Steps;
import io.prunescope.model.Attribute;
import io.prunescope.model.DataType;
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
        write(doc, edit, target, Steps.NONE);
    }

    /** {@link #write(OnnxDocument, ModelEdit, Path)}, telling {@code phases} when each step has finished. */
    public void write(OnnxDocument doc, ModelEdit edit, Path target, Steps phases) throws IOException {
        Path source = doc.model().source();
        if (source != null && (source.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())
                || AtomicFiles.sameFile(source, target))) {
            throw new IOException("refusing to overwrite the model that is open (" + source.getFileName()
                    + "): choose another file name");
        }
        if (source != null) {
            refuseExternalDataFiles(doc.proto().getGraph(), source, target);
        }
        phases.finished("guard");
        ModelProto model = apply(doc, edit);
        phases.finished("apply");
        // Streamed into the temporary file rather than built as one byte[] first: one copy of the weights fewer, and
        // no second model-sized array on the heap (issue 13).
        AtomicFiles.write(target, out -> {
            CodedOutputStream coded = CodedOutputStream.newInstance(out, 1 << 16);
            model.writeTo(coded);
            coded.flush();
        }, written -> {
            try {
                OnnxReader.forReadBack().read(written);
            } catch (ModelLoadException e) {
                throw new IOException("the written model does not read back: " + e.getMessage(), e);
            }
        }, phases);
    }

    /** The side files of the open model are part of the input too: never write over them. */
    private static void refuseExternalDataFiles(GraphProto g, Path source, Path target) throws IOException {
        Path dir = source.toAbsolutePath().getParent();
        java.util.List<TensorProto> tensors = new java.util.ArrayList<>(g.getInitializerList());
        g.getNodeList().forEach(n -> n.getAttributeList().stream().filter(AttributeProto::hasT)
                .forEach(a -> tensors.add(a.getT())));
        for (TensorProto t : tensors) {
            if (t.getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
                continue;
            }
            for (StringStringEntryProto e : t.getExternalDataList()) {
                if (e.getKey().equals("location")) {
                    Path data;
                    try {
                        data = dir.resolve(e.getValue());
                    } catch (java.nio.file.InvalidPathException ex) {
                        continue;
                    }
                    if (AtomicFiles.sameFile(data, target)
                            || data.normalize().equals(target.toAbsolutePath().normalize())) {
                        throw new IOException("refusing to overwrite '" + e.getValue() + "', which holds the weights"
                                + " of the open model: choose another file name");
                    }
                }
            }
        }
    }

    ModelProto apply(OnnxDocument doc, ModelEdit edit) {
        ModelProto original = doc.proto();
        if (edit.isEmpty() && !hasExternalData(original.getGraph())) {
            return original;
        }
        ModelProto.Builder model = original.toBuilder();
        GraphProto.Builder graph = model.getGraphBuilder();
        Map<String, Tensor> constants = doc.model().graph().constants();
        EditChecks.check(original.getGraph(), edit);

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
            if (isConstantNode(n) && edit.replacedTensors().containsKey(n.getOutput(0))) {
                nb = n.toBuilder();
                replaceConstantValue(nb, edit.replacedTensors().get(n.getOutput(0)));
            }
            for (int k = 0; nb == null && k < n.getAttributeCount(); k++) {
                AttributeProto a = n.getAttribute(k);
                if (a.hasT() && a.getT().getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                    nb = n.toBuilder();
                    inlineExternalAttributes(nb, doc.model().graph().node(i), constants);
                }
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
                    String to = EditChecks.rewiredTarget(edit, n.getInput(k));
                    if (to != null) {
                        nb = nb == null ? n.toBuilder() : nb;
                        nb.setInput(k, to);
                    }
                }
            }
            Map<Integer, Tensor> pinned = edit.constantInputs().get(i);
            if (pinned != null) {
                nb = nb == null ? n.toBuilder() : nb;
                for (Map.Entry<Integer, Tensor> e : pinned.entrySet()) {
                    nb.setInput(e.getKey(), e.getValue().name());
                    graph.addInitializer(toProto(e.getValue(), null));
                }
            }
            Tensor appended = edit.appendedInputs().get(i);
            if (appended != null) {
                nb = nb == null ? n.toBuilder() : nb;
                nb.addInput(appended.name());
                graph.addInitializer(toProto(appended, null));
            }
            rebuilt.put(i, nb == null ? n : nb.build());
        }
        graph.clearNode();
        graph.addAllNode(rebuilt.values());
        // A rewired graph output keeps its name through an Identity, so the model's interface stays the same.
        for (ValueInfoProto out : graph.getOutputList()) {
            String to = EditChecks.rewiredTarget(edit, out.getName());
            if (to != null) {
                graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName("prunescope_keep_" + out.getName())
                        .addInput(to).addOutput(out.getName()));
            }
        }
        if (!edit.removedNodes().isEmpty()) {
            dropUnreadInitializers(graph);
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
                // A known type is declared; an unknown one is left out for the runtime to infer (declaring FLOAT
                // would make ONNX Runtime refuse int64/bool tensors such as shape arithmetic).
                DataType known = elementType(doc, name);
                graph.addOutput(declared != null ? declared : known == null
                        ? ValueInfoProto.newBuilder().setName(name).build()
                        : ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(known.code()))).build());
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

    /**
     * Removed nodes leave weights nobody reads; they are dropped so the file really shrinks. Skipped when the graph
     * has subgraphs, whose nodes may read outer initializers by name.
     */
    private static void dropUnreadInitializers(GraphProto.Builder graph) {
        Set<String> read = new HashSet<>();
        for (NodeProto n : graph.getNodeList()) {
            if (n.getAttributeList().stream().anyMatch(a -> a.hasG() || a.getGraphsCount() > 0)) {
                return;
            }
            read.addAll(n.getInputList());
        }
        graph.getOutputList().forEach(o -> read.add(o.getName()));
        for (int i = graph.getInitializerCount() - 1; i >= 0; i--) {
            String name = graph.getInitializer(i).getName();
            if (!read.contains(name)) {
                graph.removeInitializer(i);
                for (int k = graph.getInputCount() - 1; k >= 0; k--) {
                    if (graph.getInput(k).getName().equals(name)) {
                        graph.removeInput(k);
                    }
                }
            }
        }
    }

    private static boolean hasExternalData(GraphProto g) {
        return g.getInitializerList().stream().anyMatch(t -> t.getDataLocation() == TensorProto.DataLocation.EXTERNAL)
                || g.getNodeList().stream().flatMap(n -> n.getAttributeList().stream())
                .anyMatch(a -> a.hasT() && a.getT().getDataLocation() == TensorProto.DataLocation.EXTERNAL);
    }

    static boolean isConstantNode(NodeProto n) {
        return n.getOpType().equals("Constant") && n.getOutputCount() == 1
                && (n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx"));
    }

    private static DataType elementType(OnnxDocument doc, String tensorName) {
        Tensor constant = doc.model().graph().constants().get(tensorName);
        if (constant != null) {
            return constant.type();
        }
        var info = doc.model().graph().valueInfos().get(tensorName);
        if (info != null && info.type() != null && info.type().elementType() != DataType.UNDEFINED) {
            return info.type().elementType();
        }
        return null;
    }

    /** Tensor attributes kept in external data are written inline, from the bytes the reader already checked. */
    private static void inlineExternalAttributes(NodeProto.Builder nb, io.prunescope.model.Node node,
                                                 Map<String, Tensor> constants) {
        for (int k = 0; k < nb.getAttributeCount(); k++) {
            AttributeProto a = nb.getAttribute(k);
            if (!a.hasT() || a.getT().getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
                continue;
            }
            Tensor value = null;
            if (a.getName().equals("value") && isConstantNode(nb.build())) {
                value = constants.get(nb.getOutput(0));
            }
            if (value == null && node.attributes().get(a.getName()) instanceof Attribute.TensorValue tv) {
                value = tv.value();
            }
            if (value != null) {
                nb.setAttribute(k, a.toBuilder().setT(toProto(value, a.getT())));
            }
        }
    }

    /** The tensor as raw little-endian bytes, keeping the original's name and doc string. */
    static TensorProto toProto(Tensor t, TensorProto original) {
        TensorProto.Builder b = TensorProto.newBuilder()
                .setName(original != null ? original.getName() : t.name())
                .setDataType(t.type().code())
                // Tensors are immutable: the bytes are written from the tensor itself, not from a copy.
                .setRawData(UnsafeByteOperations.unsafeWrap(t.payload()));
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
