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
     * Index of the first NaN or infinity among little-endian float32 values, or -1: a float is not finite exactly
     * when its eight exponent bits are all ones. The bits are copied in blocks (a bulk copy is fast even before the
     * JIT has compiled anything, which matters for the first model a fresh process opens) and scanned as ints.
     */
    static int firstNonFiniteFloat32(java.nio.ByteBuffer littleEndian) {
        java.nio.IntBuffer ints = littleEndian.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        int[] block = new int[Math.min(ints.remaining(), 1 << 14)];
        int done = 0;
        while (ints.hasRemaining()) {
            int n = Math.min(block.length, ints.remaining());
            ints.get(block, 0, n);
            int at = firstExponentAllOnes(block, n);
            if (at >= 0) {
                return done + at;
            }
            done += n;
        }
        return -1;
    }

    private static int firstExponentAllOnes(int[] bits, int n) {
        int any = 0;
        for (int i = 0; i < n; i++) {
            // (b & E) + 0x00800000 carries into bit 31 exactly when the exponent is all ones; OR keeps the loop
            // branch-free so it vectorises.
            any |= ((bits[i] & 0x7F800000) + 0x00800000);
        }
        if (any >= 0) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            if ((bits[i] & 0x7F800000) == 0x7F800000) {
                return i;
            }
        }
        return -1;
    }
}
