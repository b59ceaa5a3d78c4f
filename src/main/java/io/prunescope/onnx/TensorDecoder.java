package io.prunescope.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import io.prunescope.model.DataType;
import io.prunescope.model.Shapes;
import io.prunescope.model.Tensor;
import io.prunescope.onnx.ModelLoadException.Problem;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Turns a TensorProto (raw_data, typed fields or external data) into a {@link Tensor}, checking sizes. */
final class TensorDecoder {

    private final ReadLimits limits;
    private final ExternalData externalData;

    TensorDecoder(ReadLimits limits, ExternalData externalData) {
        this.limits = limits;
        this.externalData = externalData;
    }

    Tensor decode(TensorProto t, String nameForMessages) throws ModelLoadException {
        String name = t.getName().isEmpty() ? nameForMessages : t.getName();
        DataType type = DataType.fromCode(t.getDataType());
        long[] dims = new long[t.getDimsCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.getDims(i);
            if (dims[i] < 0) {
                throw bad(name, "has a negative dimension " + dims[i]);
            }
        }
        long numel = Shapes.numel(dims);
        if (numel > limits.maxTensorElements()) {
            throw new ModelLoadException(Problem.TOO_LARGE, "tensor '" + name + "' declares " + Shapes.format(dims)
                    + " = " + numel + " elements, more than the " + limits.maxTensorElements()
                    + " PruneScope accepts for one tensor");
        }
        if (type == DataType.UNDEFINED) {
            throw bad(name, "has an unknown data type " + t.getDataType());
        }
        if (type == DataType.STRING) {
            return new Tensor(name, type, dims, ByteBuffer.allocate(0));
        }
        long expectedBytes = expectedBytes(type, numel);
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            ByteBuffer data = externalData.read(name, t.getExternalDataList(), expectedBytes);
            return new Tensor(name, type, dims, data);
        }
        if (t.hasRawData() || !t.getRawData().isEmpty()) {
            long actual = t.getRawData().size();
            if (actual != expectedBytes) {
                throw bad(name, "declares shape " + Shapes.format(dims) + " of " + type + " (" + expectedBytes
                        + " bytes) but holds " + actual + " bytes");
            }
            return new Tensor(name, type, dims, t.getRawData().asReadOnlyByteBuffer());
        }
        return new Tensor(name, type, dims, fromTypedFields(t, type, numel, name));
    }

    private static long expectedBytes(DataType type, long numel) {
        if (type == DataType.UINT4 || type == DataType.INT4) {
            return (numel + 1) / 2;
        }
        return Shapes.saturatingMultiply(numel, type.byteSize());
    }

    private ByteBuffer fromTypedFields(TensorProto t, DataType type, long numel, String name)
            throws ModelLoadException {
        int n = (int) numel;
        ByteBuffer buf;
        switch (type) {
            case FLOAT -> {
                checkCount(name, t.getFloatDataCount(), numel, "float_data");
                buf = allocate(n * 4L);
                for (int i = 0; i < n; i++) {
                    buf.putFloat(t.getFloatData(i));
                }
            }
            case DOUBLE -> {
                checkCount(name, t.getDoubleDataCount(), numel, "double_data");
                buf = allocate(n * 8L);
                for (int i = 0; i < n; i++) {
                    buf.putDouble(t.getDoubleData(i));
                }
            }
            case INT64 -> {
                checkCount(name, t.getInt64DataCount(), numel, "int64_data");
                buf = allocate(n * 8L);
                for (int i = 0; i < n; i++) {
                    buf.putLong(t.getInt64Data(i));
                }
            }
            case UINT64, UINT32 -> {
                checkCount(name, t.getUint64DataCount(), numel, "uint64_data");
                buf = allocate(n * (long) type.byteSize());
                for (int i = 0; i < n; i++) {
                    if (type == DataType.UINT64) {
                        buf.putLong(t.getUint64Data(i));
                    } else {
                        buf.putInt((int) t.getUint64Data(i));
                    }
                }
            }
            case INT32, INT16, UINT16, INT8, UINT8, BOOL, FLOAT16, BFLOAT16 -> {
                // ONNX keeps these in int32_data, one value (or the 16 raw bits of a half float) per entry.
                checkCount(name, t.getInt32DataCount(), numel, "int32_data");
                buf = allocate(n * (long) type.byteSize());
                for (int i = 0; i < n; i++) {
                    int v = t.getInt32Data(i);
                    switch (type.byteSize()) {
                        case 4 -> buf.putInt(v);
                        case 2 -> buf.putShort((short) v);
                        default -> buf.put((byte) v);
                    }
                }
            }
            default -> throw new ModelLoadException(Problem.UNSUPPORTED, "tensor '" + name + "' uses the data type "
                    + type + ", which PruneScope does not read from typed fields");
        }
        buf.flip();
        return buf;
    }

    private static ByteBuffer allocate(long bytes) throws ModelLoadException {
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new ModelLoadException(Problem.TOO_LARGE, "a tensor of " + bytes + " bytes does not fit in memory");
        }
        return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void checkCount(String name, int actual, long expected, String field) throws ModelLoadException {
        if (actual != expected) {
            throw bad(name, "declares " + expected + " elements but its " + field + " holds " + actual);
        }
    }

    private static ModelLoadException bad(String name, String what) {
        return new ModelLoadException(Problem.BAD_TENSOR, "tensor '" + name + "' " + what);
    }
}
