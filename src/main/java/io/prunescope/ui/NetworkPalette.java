package io.prunescope.ui;

import javafx.scene.paint.Color;

import java.util.Set;

/** Colours of the network canvas per theme (a canvas cannot be styled by CSS); op families get their own hue. */
record NetworkPalette(Color background, Color box, Color boxBorder, Color selected, Color text, Color muted,
                      Color connector) {

    static NetworkPalette of(Theme theme) {
        return theme == Theme.DARK
                ? new NetworkPalette(Color.web("#1e2127"), Color.web("#2a2f38"), Color.web("#3b4250"),
                Color.web("#4c8dff"), Color.web("#e6e9ef"), Color.web("#9aa3b2"), Color.web("#4a5160"))
                : new NetworkPalette(Color.web("#f7f8fa"), Color.WHITE, Color.web("#d5d9e0"),
                Color.web("#2f6fe4"), Color.web("#1f2430"), Color.web("#6b7280"), Color.web("#c2c8d2"));
    }

    private static final Set<String> ACTIVATIONS = Set.of("Relu", "Sigmoid", "Tanh", "Clip", "LeakyRelu", "PRelu",
            "HardSigmoid", "HardSwish", "Elu", "Selu", "Softplus", "Gelu", "Softmax", "LogSoftmax", "Mish");
    private static final Set<String> POOLS = Set.of("MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
            "Resize", "Upsample");
    private static final Set<String> ELEMENTWISE = Set.of("Add", "Mul", "Sub", "Div", "Max", "Min", "Concat",
            "Split", "Slice");

    /** The accent stripe colour of an op family. */
    static Color accent(String op) {
        if (op.startsWith("Conv")) {
            return Color.web("#2f6fe4");
        }
        if (op.equals("Gemm") || op.equals("MatMul")) {
            return Color.web("#8b5cf6");
        }
        if (op.equals("BatchNormalization")) {
            return Color.web("#0ea5a4");
        }
        if (ACTIVATIONS.contains(op)) {
            return Color.web("#22a35a");
        }
        if (POOLS.contains(op)) {
            return Color.web("#e08a1e");
        }
        if (ELEMENTWISE.contains(op)) {
            return Color.web("#d14d72");
        }
        return Color.web("#8a93a3");
    }
}
