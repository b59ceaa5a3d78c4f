package io.prunescope.measure;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.model.DataType;
import io.prunescope.model.Node;
import io.prunescope.ops.LayerKind;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** One consumer of removed channels: original node, its layer, removed input weight indices. */
final class RefitConsumer {
    final Node node;
    final PrunableLayer layer;
    final BitSet removedIn = new BitSet();
    int[] keptOut;
    // current state in the hard model's layout
    float[] weight;
    long[] weightDims;
    DataType weightType;
    String weightName;
    float[] bias;
    String biasName; // null: the node has no bias yet
    DataType biasType = DataType.FLOAT;
    boolean weightChanged;
    double[] inputMean;
    // least-squares rows
    List<double[]> yRows = new ArrayList<>();
    String note;

    RefitConsumer(Node node, PrunableLayer layer) {
        this.node = node;
        this.layer = layer;
    }

    boolean isConv() {
        return layer.kind() == LayerKind.CONV;
    }
}
