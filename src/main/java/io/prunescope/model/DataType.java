package io.prunescope.model;

/** ONNX tensor element types, with their wire codes and sizes in bytes (0 where the size varies). */
public enum DataType {
    UNDEFINED(0, 0), FLOAT(1, 4), UINT8(2, 1), INT8(3, 1), UINT16(4, 2), INT16(5, 2), INT32(6, 4),
    INT64(7, 8), STRING(8, 0), BOOL(9, 1), FLOAT16(10, 2), DOUBLE(11, 8), UINT32(12, 4), UINT64(13, 8),
    COMPLEX64(14, 8), COMPLEX128(15, 16), BFLOAT16(16, 2), FLOAT8E4M3FN(17, 1), FLOAT8E4M3FNUZ(18, 1),
    FLOAT8E5M2(19, 1), FLOAT8E5M2FNUZ(20, 1), UINT4(21, 1), INT4(22, 1);

    private final int code;
    private final int byteSize;

    DataType(int code, int byteSize) {
        this.code = code;
        this.byteSize = byteSize;
    }

    public int code() {
        return code;
    }

    /** Bytes per element; 0 for strings, and 4-bit types are reported as 1 (packed two per byte on disk). */
    public int byteSize() {
        return byteSize;
    }

    /** The floating-point types whose tensors count as weights and can be pruned. */
    public boolean isFloatingPoint() {
        return this == FLOAT || this == FLOAT16 || this == DOUBLE || this == BFLOAT16;
    }

    public static DataType fromCode(int code) {
        for (DataType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return UNDEFINED;
    }
}
