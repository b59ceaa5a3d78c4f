package io.prunescope.onnx;

import io.prunescope.model.DataType;
import io.prunescope.model.Graph;
import io.prunescope.model.Node;
import io.prunescope.model.Tensor;
import io.prunescope.onnx.ModelLoadException.Problem;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks, at load, what ONNX Runtime would otherwise reject much later (or run into a wrong result): the weights
 * of the layers PruneScope prunes must have a type the operator accepts, finite values, and BatchNormalization's
 * four vectors must match the channels. Each refusal names the node and the tensor, so the person can find it.
 */
final class WeightChecks {

    /** Types no arithmetic operator of the standard domain accepts as a weight. */
    private static final Set<DataType> NEVER_A_WEIGHT = EnumSet.of(DataType.STRING, DataType.BOOL, DataType.INT8,
            DataType.UINT8, DataType.INT16, DataType.UINT16, DataType.COMPLEX64, DataType.COMPLEX128,
            DataType.UINT4, DataType.INT4, DataType.UNDEFINED);

    /** Two float32 exponent fields, the carry that overflows an all-ones one into its sign bit, and the signs. */
    private static final long EXPONENTS = 0x7F8000007F800000L;
    private static final long EXPONENT_CARRY = 0x0080000000800000L;
    private static final long SIGNS = 0x8000000080000000L;

    private final Graph graph;

    WeightChecks(Graph graph) {
        this.graph = graph;
    }

    void run() throws ModelLoadException {
        for (Node n : graph.nodes()) {
            if (!n.isStandardDomain()) {
                continue;
            }
            switch (n.opType()) {
                case "Conv", "ConvTranspose" -> {
                    floatWeight(n, 1, "weight");
                    floatWeight(n, 2, "bias");
                }
                case "Gemm", "MatMul" -> {
                    numericWeight(n, 0, "input A");
                    numericWeight(n, 1, "input B");
                    numericWeight(n, 2, "input C");
                }
                case "BatchNormalization" -> batchNorm(n);
                default -> { }
            }
        }
    }

    private void floatWeight(Node n, int input, String role) throws ModelLoadException {
        Optional<Tensor> t = constantInput(n, input);
        if (t.isEmpty()) {
            return;
        }
        if (!t.get().type().isFloatingPoint()) {
            throw wrongType(n, role, t.get(), "float, float16, double or bfloat16");
        }
        finite(n, t.get());
    }

    private void numericWeight(Node n, int input, String role) throws ModelLoadException {
        Optional<Tensor> t = constantInput(n, input);
        if (t.isEmpty()) {
            return;
        }
        if (NEVER_A_WEIGHT.contains(t.get().type()) || t.get().type().name().startsWith("FLOAT8")) {
            throw wrongType(n, role, t.get(), "float, float16, double, bfloat16 or a 32/64-bit integer");
        }
        if (t.get().type().isFloatingPoint()) {
            finite(n, t.get());
        }
    }

    private void batchNorm(Node n) throws ModelLoadException {
        String[] roles = {"scale", "bias", "mean", "variance"};
        long channels = -1;
        String first = null;
        for (int i = 1; i <= 4; i++) {
            Optional<Tensor> t = constantInput(n, i);
            if (t.isEmpty()) {
                continue;
            }
            floatWeight(n, i, roles[i - 1]);
            long len = t.get().numel();
            if (t.get().rank() != 1) {
                throw new ModelLoadException(Problem.BAD_TENSOR, "node '" + n.displayName() + "'"
                        + " (BatchNormalization): its " + roles[i - 1] + " '" + t.get().name() + "' has shape "
                        + java.util.Arrays.toString(t.get().dims()) + "; it must be a vector of one value per channel");
            }
            if (channels < 0) {
                channels = len;
                first = roles[i - 1];
            } else if (len != channels) {
                throw new ModelLoadException(Problem.BAD_TENSOR, "node '" + n.displayName() + "'"
                        + " (BatchNormalization): its " + roles[i - 1] + " '" + t.get().name() + "' has " + len
                        + " values but its " + first + " has " + channels + "; all four must have one per channel");
            }
        }
        if (channels < 0 || n.inputs().isEmpty()) {
            return;
        }
        Optional<Node> producer = graph.producer(n.input(0));
        if (producer.isPresent() && producer.get().opType().equals("Conv") && producer.get().isStandardDomain()) {
            Optional<Tensor> w = constantInput(producer.get(), 1);
            if (w.isPresent() && w.get().rank() >= 1 && w.get().dim(0) != channels) {
                throw new ModelLoadException(Problem.BAD_TENSOR, "node '" + n.displayName() + "'"
                        + " (BatchNormalization) has " + channels + " values per parameter, but its input comes"
                        + " from '" + producer.get().displayName() + "' with " + w.get().dim(0) + " channels");
            }
        }
    }

    private Optional<Tensor> constantInput(Node n, int input) {
        if (n.inputs().size() <= input || n.input(input).isEmpty()) {
            return Optional.empty();
        }
        return graph.constant(n.input(input));
    }

    private static ModelLoadException wrongType(Node n, String role, Tensor t, String allowed) {
        return new ModelLoadException(Problem.BAD_TENSOR, "node '" + n.displayName() + "' (" + n.opType()
                + "): its " + role + " '" + t.name() + "' holds " + t.type() + " data, but " + n.opType()
                + " needs " + allowed);
    }

    /** NaN or infinity in a weight makes every score of its layer meaningless and the proof fail without a reason. */
    private static void finite(Node n, Tensor t) throws ModelLoadException {
        if (t.type() == DataType.FLOAT && firstNonFiniteFloat32(t.payload()) < 0) {
            return; // the common case, checked on the stored bits without decoding a copy (issue 13)
        }
        float[] v = t.toFloats();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new ModelLoadException(Problem.BAD_TENSOR, "tensor '" + t.name() + "' (used by node '"
                        + n.displayName() + "', " + n.opType() + ") has " + (Float.isNaN(v[i]) ? "NaN" : "infinite")
                        + " values (the first at element " + i + "); PruneScope cannot score or prune such weights");
            }
        }
    }

    /**
     * Index of the first NaN or infinity among the little-endian float32 values between the buffer's position and
     * limit, or -1: a float is not finite exactly when its eight exponent bits are all ones. Two floats are tested
     * per 64-bit read, straight from the buffer (no copy: the payload is a view into the file's bytes, and copying it
     * out in blocks through an int view went element by element and was most of the load time, issue 13).
     */
    static int firstNonFiniteFloat32(java.nio.ByteBuffer littleEndian) {
        java.nio.ByteBuffer b = littleEndian.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int start = b.position();
        int floats = b.remaining() / 4;
        int pairsEnd = start + (floats & ~1) * 4;
        long any = 0;
        for (int at = start; at < pairsEnd; at += 8) {
            // (bits & E) + 1 << 23 carries into a float's sign bit exactly when its exponent is all ones; the low
            // float's carry stops at bit 31, so the two halves do not disturb each other. OR keeps it branch-free.
            any |= (b.getLong(at) & EXPONENTS) + EXPONENT_CARRY;
        }
        if ((floats & 1) == 1) {
            any |= ((b.getInt(pairsEnd) & 0x7F800000) + 0x00800000) & 0xFFFFFFFFL;
        }
        if ((any & SIGNS) == 0) {
            return -1;
        }
        for (int i = 0; i < floats; i++) {
            if ((b.getInt(start + 4 * i) & 0x7F800000) == 0x7F800000) {
                return i;
            }
        }
        return -1;
    }
}
