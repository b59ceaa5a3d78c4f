package io.prunescope.runtime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/** Copies between {@link FloatTensor} and ONNX Runtime tensors, converting element types where needed. */
final class OrtConversions {

    private OrtConversions() {
    }

    /** Element types an input FloatTensor can be converted to (integers are rounded). */
    static boolean canFeed(OnnxJavaType type) {
        return switch (type) {
            case FLOAT, DOUBLE, INT8, UINT8, INT16, INT32, INT64, BOOL, FLOAT16, BFLOAT16 -> true;
            default -> false;
        };
    }

    /** Element types whose outputs can be returned as float. */
    static boolean canReturn(OnnxJavaType type) {
        return canFeed(type);
    }

    static OnnxTensor toOrt(OrtEnvironment env, FloatTensor t, OnnxJavaType type) throws OrtException {
        float[] d = t.data();
        long[] shape = t.shape();
        int n = d.length;
        switch (type) {
            case FLOAT:
                return OnnxTensor.createTensor(env, FloatBuffer.wrap(d), shape);
            case DOUBLE: {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = d[i];
                }
                return OnnxTensor.createTensor(env, DoubleBuffer.wrap(v), shape);
            }
            case INT32: {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Math.round(d[i]);
                }
                return OnnxTensor.createTensor(env, IntBuffer.wrap(v), shape);
            }
            case INT64: {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Math.round((double) d[i]);
                }
                return OnnxTensor.createTensor(env, LongBuffer.wrap(v), shape);
            }
            case INT16: {
                short[] v = new short[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (short) Math.round(d[i]);
                }
                return OnnxTensor.createTensor(env, ShortBuffer.wrap(v), shape, OnnxJavaType.INT16);
            }
            case INT8, UINT8, BOOL: {
                ByteBuffer b = ByteBuffer.allocateDirect(n).order(ByteOrder.nativeOrder());
                for (float f : d) {
                    b.put(type == OnnxJavaType.BOOL ? (byte) (f != 0f ? 1 : 0) : (byte) Math.round(f));
                }
                b.rewind();
                return OnnxTensor.createTensor(env, b, shape, type);
            }
            case FLOAT16:
                return OnnxTensor.createTensor(env, Fp16Conversions.convertFloatBufferToFp16Buffer(FloatBuffer.wrap(d)),
                        shape, OnnxJavaType.FLOAT16);
            case BFLOAT16:
                return OnnxTensor.createTensor(env, Fp16Conversions.convertFloatBufferToBf16Buffer(FloatBuffer.wrap(d)),
                        shape, OnnxJavaType.BFLOAT16);
            default:
                throw new InferenceException("inputs of type " + type + " cannot be created from numbers");
        }
    }

    /** The value as a FloatTensor, or null when it is not a numeric tensor. */
    static FloatTensor toFloat(OnnxValue value) {
        if (!(value instanceof OnnxTensor tensor)) {
            return null;
        }
        TensorInfo info = tensor.getInfo();
        long[] shape = info.getShape();
        int n = Math.toIntExact(FloatTensor.product(shape));
        float[] out = new float[n];
        switch (info.type) {
            case FLOAT, FLOAT16, BFLOAT16 -> tensor.getFloatBuffer().get(out); // ORT widens fp16/bf16 itself
            case DOUBLE -> {
                DoubleBuffer b = tensor.getDoubleBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.get(i);
                }
            }
            case INT32 -> {
                IntBuffer b = tensor.getIntBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            case INT64 -> {
                LongBuffer b = tensor.getLongBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            case INT16 -> {
                ShortBuffer b = tensor.getShortBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            case INT8, BOOL -> {
                ByteBuffer b = tensor.getByteBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            case UINT8 -> {
                ByteBuffer b = tensor.getByteBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i) & 0xFF;
                }
            }
            default -> {
                return null;
            }
        }
        return new FloatTensor(out, shape);
    }
}
