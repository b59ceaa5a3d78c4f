package io.prunescope.runtime;

import io.prunescope.onnx.HostileModels;

/**
 * Runs, in its own process, a model that ONNX Runtime accepts but fails while running (BatchNormalization vectors of
 * 5 for 8 channels): at ERROR level ORT would print its own coloured line to the process's stderr.
 */
public final class OrtQuietMain {

    private OrtQuietMain() {
    }

    public static void main(String[] args) {
        byte[] model = HostileModels.batchNormOfWrongWidth().build().toByteArray();
        try (InferenceSession s = InferenceSession.open(model)) {
            s.run(FloatTensor.zeros(1, 3, 8, 8));
            System.out.println("ran");
        } catch (InferenceException e) {
            System.out.println("refused: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
