package io.prunescope.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A constant tensor (an initializer or the value of a Constant node). The payload is kept as the little-endian
 * bytes ONNX stores, so that an unchanged weight is written back bit for bit; {@link #toFloats()} decodes on demand.
 * Instances are immutable: the buffer handed out is a read-only view.
 */
public final class Tensor {

    /** Floats per bulk copy in {@link #toFloats} (see {@code copyFloats}). */
    private static final int FLOATS_PER_COPY = 1 << 18;

    private final String name;
    private final DataType type;
    private final long[] dims;
    private final ByteBuffer payload;

    public Tensor(String name, DataType type, long[] dims, ByteBuffer payload) {
        this.name = name;
        this.type = type;
        this.dims = dims.clone();
        this.payload = payload.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Encodes float values as a tensor of the given floating-point type (FLOAT, FLOAT16, BFLOAT16 or DOUBLE). */
    public static Tensor ofFloats(String name, long[] dims, float[] values, DataType storeAs) {
        if (Shapes.numel(dims) != values.length) {
            throw new IllegalArgumentException("tensor '" + name + "': " + values.length
                    + " values do not fill shape " + Shapes.format(dims));
        }
        ByteBuffer buf = ByteBuffer.allocate(values.length * storeAs.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        switch (storeAs) {
            case FLOAT -> buf.asFloatBuffer().put(values);
            case DOUBLE -> {
                for (float v : values) {
                    buf.putDouble(v);
                }
            }
            case FLOAT16 -> {
                for (float v : values) {
                    buf.putShort(HalfFloat.fromFloat(v));
                }
            }
            case BFLOAT16 -> {
                for (float v : values) {
                    buf.putShort(toBfloat16(v));
                }
            }
            default -> throw new IllegalArgumentException("cannot store floats as " + storeAs);
        }
        buf.rewind();
        return new Tensor(name, storeAs, dims, buf);
    }

    /** float32 → bfloat16 with round-to-nearest-even (not truncation); NaN stays a quiet NaN of the same sign. */
    public static short toBfloat16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
        return (short) (rounded >>> 16);
    }

    public static Tensor ofLongs(String name, long[] dims, long[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        return new Tensor(name, DataType.INT64, dims, buf);
    }

    public String name() {
        return name;
    }

    public DataType type() {
        return type;
    }

    public long[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int i) {
        return dims[i];
    }

    public long numel() {
        return Shapes.numel(dims);
    }

    /** A read-only little-endian view of the stored bytes, positioned at 0. */
    public ByteBuffer payload() {
        return payload.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    public int byteLength() {
        return payload.remaining();
    }

    /** Same values under another name (for example when an exporter writes a copy). */
    public Tensor renamed(String newName) {
        return new Tensor(newName, type, dims, payload);
    }

    /**
     * Copies a quarter of a mebibyte of floats per call: one bulk copy is a single call no safepoint can interrupt,
     * so copying a 411 MB weight (VGG's first classifier layer) in one go held every other thread of the JVM, the FX
     * thread included, at the next garbage collection until it was done (issue 13).
     */
    private static void copyFloats(java.nio.FloatBuffer from, float[] to) {
        for (int at = 0; at < to.length; at += FLOATS_PER_COPY) {
            from.get(to, at, Math.min(FLOATS_PER_COPY, to.length - at));
        }
    }

    /** Decodes the values as floats; integer types are converted, which is fine for their small shape tensors. */
    public float[] toFloats() {
        int n = Math.toIntExact(numel());
        float[] out = new float[n];
        ByteBuffer b = payload();
        switch (type) {
            case FLOAT -> copyFloats(b.asFloatBuffer(), out);
            case DOUBLE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble();
                }
            }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = HalfFloat.toFloat(b.getShort());
                }
            }
            case BFLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
                }
            }
            default -> {
                long[] longs = toLongs();
                for (int i = 0; i < n; i++) {
                    out[i] = longs[i];
                }
            }
        }
        return out;
    }

    /** Decodes integer (and boolean) values; used for shape, axes and index tensors. */
    public long[] toLongs() {
        int n = Math.toIntExact(numel());
        long[] out = new long[n];
        ByteBuffer b = payload();
        for (int i = 0; i < n; i++) {
            out[i] = switch (type) {
                case INT64, UINT64 -> b.getLong();
                case INT32 -> b.getInt();
                case UINT32 -> b.getInt() & 0xffffffffL;
                case INT16 -> b.getShort();
                case UINT16 -> b.getShort() & 0xffff;
                case INT8 -> b.get();
                case UINT8, BOOL -> b.get() & 0xff;
                case FLOAT -> (long) b.getFloat();
                case DOUBLE -> (long) b.getDouble();
                default -> throw new IllegalStateException("tensor '" + name + "' of type " + type
                        + " cannot be read as integers");
            };
        }
        return out;
    }

    @Override
    public String toString() {
        return name + ":" + type + Arrays.toString(dims);
    }
}
