package io.prunescope.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The models made by src/tools/make_runtime_test_models.py, and their weights for reference maths. */
final class TestModels {

    private TestModels() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = TestModels.class.getResourceAsStream("/runtime/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /runtime/" + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode weights(String model) {
        try {
            return new ObjectMapper().readTree(bytes("weights.json")).get(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[][] matrix(JsonNode node) {
        double[][] m = new double[node.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(node.get(i));
        }
        return m;
    }

    static double[] vector(JsonNode node) {
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    /** logits = x · Wᵀ + b, computed in double from the JSON weights (independent of ONNX Runtime). */
    static double[][] gemmLogits(String model, float[][] x) {
        JsonNode w = weights(model);
        double[][] wm = matrix(w.get("W"));
        double[] b = vector(w.get("b"));
        double[][] out = new double[x.length][wm.length];
        for (int n = 0; n < x.length; n++) {
            for (int o = 0; o < wm.length; o++) {
                double s = b[o];
                for (int i = 0; i < x[n].length; i++) {
                    s += x[n][i] * wm[o][i];
                }
                out[n][o] = s;
            }
        }
        return out;
    }

    static FloatTensor tensor(float[][] rows) {
        int k = rows[0].length;
        float[] d = new float[rows.length * k];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, d, i * k, k);
        }
        return new FloatTensor(d, new long[] {rows.length, k});
    }

    /** Deterministic pseudo-random rows in [-2, 2). */
    static float[][] rows(int n, int k, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[][] x = new float[n][k];
        for (float[] row : x) {
            for (int i = 0; i < k; i++) {
                row[i] = r.nextFloat() * 4 - 2;
            }
        }
        return x;
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
