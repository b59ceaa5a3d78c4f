package io.prunescope.ui;

import io.prunescope.analysis.ModelAnalysis;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** Model-wide figures for the summary bar, as display strings. */
public final class SummaryViewModel {

    private final ReadOnlyStringWrapper modelName = new ReadOnlyStringWrapper(this, "modelName", "No model");
    private final ReadOnlyStringWrapper nodes = new ReadOnlyStringWrapper(this, "nodes", Formats.NONE);
    private final ReadOnlyStringWrapper prunable = new ReadOnlyStringWrapper(this, "prunable", Formats.NONE);
    private final ReadOnlyStringWrapper params = new ReadOnlyStringWrapper(this, "params", Formats.NONE);
    private final ReadOnlyStringWrapper macs = new ReadOnlyStringWrapper(this, "macs", Formats.NONE);
    private final ReadOnlyStringWrapper gflops = new ReadOnlyStringWrapper(this, "gflops", Formats.NONE);

    public SummaryViewModel(MainViewModel document) {
        document.analysisProperty().addListener((obs, old, now) -> show(now));
        show(document.getAnalysis());
    }

    private void show(ModelAnalysis a) {
        if (a == null) {
            modelName.set("No model");
            for (ReadOnlyStringWrapper p : new ReadOnlyStringWrapper[]{nodes, prunable, params, macs, gflops}) {
                p.set(Formats.NONE);
            }
            return;
        }
        modelName.set(a.model().displayName());
        nodes.set(Formats.count(a.model().graph().nodes().size()));
        prunable.set(Formats.count(a.prunableLayers().size()));
        params.set(Formats.count(a.totalParams()));
        macs.set(Formats.count(a.totalMacs()));
        gflops.set(Formats.gflops(a.totalMacs()));
    }

    public ReadOnlyStringProperty modelNameProperty() {
        return modelName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nodesProperty() {
        return nodes.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty prunableProperty() {
        return prunable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty paramsProperty() {
        return params.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty macsProperty() {
        return macs.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty gflopsProperty() {
        return gflops.getReadOnlyProperty();
    }
}
