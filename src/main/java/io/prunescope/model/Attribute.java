package io.prunescope.model;

import java.util.List;

/** A node attribute. Only the kinds PruneScope reads or writes are typed; the rest stay opaque and are kept as is. */
public sealed interface Attribute {

    record IntValue(long value) implements Attribute {
    }

    record FloatValue(float value) implements Attribute {
    }

    record StringValue(String value) implements Attribute {
    }

    record IntList(List<Long> values) implements Attribute {
        public IntList {
            values = List.copyOf(values);
        }

        public long[] toArray() {
            return values.stream().mapToLong(Long::longValue).toArray();
        }

        public static IntList of(long... v) {
            return new IntList(java.util.Arrays.stream(v).boxed().toList());
        }
    }

    record FloatList(List<Float> values) implements Attribute {
        public FloatList {
            values = List.copyOf(values);
        }
    }

    record StringList(List<String> values) implements Attribute {
        public StringList {
            values = List.copyOf(values);
        }
    }

    record TensorValue(Tensor value) implements Attribute {
    }

    /**
     * A subgraph (If/Loop/Scan body): PruneScope does not look inside, and keeps it unchanged.
     *
     * @param outerNames tensors of the enclosing graph the subgraph reads by name (ONNX's outer-scope values): they
     *                   are inputs of the node as much as its listed ones, so coupling must see them
     */
    record Subgraph(int nodeCount, java.util.Set<String> outerNames) implements Attribute {
        public Subgraph {
            outerNames = java.util.Set.copyOf(outerNames);
        }
    }

    /** Any other attribute kind (sparse tensors, type protos, ...), kept unchanged on export. */
    record Opaque(String kind) implements Attribute {
    }
}
