package io.prunescope.ui;

import javafx.scene.paint.Color;

import java.util.Set;

/**
 * Colours of the network canvas per theme (a canvas cannot be styled by CSS); op families get their own hue.
 *
 * @param edge         edges between boxes
 * @param edgeActive   edges of the selected box and the hovered edge
 * @param group        outline of boxes in the selected layer's coupled channel group
 * @param prunable     fill of a prunable layer that keeps all its outputs
 * @param pruned       fill of a prunable layer that keeps none (fills blend between the two by kept fraction)
 * @param io           fill of graph inputs and outputs
 * @param match        marker of search matches
 * @param viewport     the viewport rectangle of the minimap
 */
public record NetworkPalette(Color background, Color box, Color boxBorder, Color selected, Color text, Color muted,
                             Color connector, Color edge, Color edgeActive, Color group, Color prunable,
                             Color pruned, Color io, Color match, Color minimap, Color viewport) {

    public static NetworkPalette of(Theme theme) {
        return theme == Theme.DARK
                ? new NetworkPalette(Color.web("#1e2127"), Color.web("#2a2f38"), Color.web("#3b4250"),
                Color.web("#4c8dff"), Color.web("#e6e9ef"), Color.web("#9aa3b2"), Color.web("#4a5160"),
                Color.web("#5d6677"), Color.web("#6ea8ff"), Color.web("#f5a524"), Color.web("#243247"),
                Color.web("#5a2a2e"), Color.web("#30343d"), Color.web("#ffd84d"), Color.web("#262a31ee"),
                Color.web("#6ea8ff"))
                : new NetworkPalette(Color.web("#f7f8fa"), Color.WHITE, Color.web("#d5d9e0"),
                Color.web("#2f6fe4"), Color.web("#1f2430"), Color.web("#6b7280"), Color.web("#c2c8d2"),
                Color.web("#a9b1bd"), Color.web("#2f6fe4"), Color.web("#e8870e"), Color.web("#eaf1fd"),
                Color.web("#f8d3cf"), Color.web("#eef0f3"), Color.web("#f2c200"), Color.web("#ffffffee"),
                Color.web("#2f6fe4"));
    }

    /** The fill of a prunable layer keeping {@code kept} (0..1) of its output channels. */
    public Color keptFill(double kept) {
        return pruned.interpolate(prunable, Math.max(0, Math.min(1, kept)));
    }

    private static final Set<String> ACTIVATIONS = Set.of("Relu", "Sigmoid", "Tanh", "Clip", "LeakyRelu", "PRelu",
            "HardSigmoid", "HardSwish", "Elu", "Selu", "Softplus", "Gelu", "Softmax", "LogSoftmax", "Mish");
    private static final Set<String> POOLS = Set.of("MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
            "Resize", "Upsample");
    private static final Set<String> ELEMENTWISE = Set.of("Add", "Mul", "Sub", "Div", "Max", "Min", "Concat",
            "Split", "Slice");

    /** The accent stripe colour of an op family. */
    public static Color accent(String op) {
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
        if (op.equals("Input") || op.equals("Output")) {
            return Color.web("#64748b");
        }
        return Color.web("#8a93a3");
    }
}
