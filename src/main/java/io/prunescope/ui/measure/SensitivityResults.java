package io.prunescope.ui.measure;

import io.prunescope.measure.SensitivityCache;
import io.prunescope.measure.SensitivityLookup;
import io.prunescope.measure.SensitivityResult;
import io.prunescope.session.Workspace;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The sensitivity curves known for the open model, for the places where ratios are chosen (the inspector's curve,
 * the layer table's column, the network's colouring): read from the sensitivity cache when a model opens (on the
 * io thread), and every analysis the measure window runs is added as it finishes. Newest first.
 */
public final class SensitivityResults {

    private final ObservableValue<Workspace> workspace;
    private final ReadOnlyObjectWrapper<SensitivityLookup> lookup = new ReadOnlyObjectWrapper<>(this, "lookup",
            SensitivityLookup.EMPTY);

    /**
     * @param io    reads the cache folder
     * @param cache the cache to read (asked each time a model opens, so tests can point it elsewhere)
     */
    public SensitivityResults(ObservableValue<Workspace> workspace, Executor io, Supplier<SensitivityCache> cache) {
        this.workspace = workspace;
        workspace.addListener((obs, old, now) -> {
            lookup.set(SensitivityLookup.EMPTY);
            if (now != null) {
                String sha = now.model().sha256();
                io.execute(() -> {
                    List<SensitivityResult> cached = cache.get().allFor(sha);
                    Platform.runLater(() -> {
                        if (workspace.getValue() == now && !cached.isEmpty()) {
                            List<SensitivityResult> all = new ArrayList<>(lookup.get().results());
                            cached.forEach(r -> addTo(all, r, false));
                            lookup.set(new SensitivityLookup(all));
                        }
                    });
                });
            }
        });
    }

    /** A result just measured (FX thread); ignored when it is for another model than the open one. */
    public void add(SensitivityResult r) {
        Workspace w = workspace.getValue();
        if (w == null || !w.model().sha256().equals(r.modelSha256())) {
            return;
        }
        List<SensitivityResult> all = new ArrayList<>(lookup.get().results());
        addTo(all, r, true);
        lookup.set(new SensitivityLookup(all));
    }

    /** Replaces a result of the same analysis (metric, data, criterion, ratios); new ones go first or last. */
    private static void addTo(List<SensitivityResult> all, SensitivityResult r, boolean first) {
        all.removeIf(x -> x.metric().equals(r.metric()) && x.dataIdentity().equals(r.dataIdentity())
                && x.criterion().equals(r.criterion()) && Arrays.equals(x.ratios(), r.ratios()));
        if (first) {
            all.add(0, r);
        } else {
            all.add(r);
        }
    }

    public ReadOnlyObjectProperty<SensitivityLookup> lookupProperty() {
        return lookup.getReadOnlyProperty();
    }
}
