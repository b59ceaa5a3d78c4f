package io.prunescope.ui;

import io.prunescope.analysis.ModelAnalysis;
import io.prunescope.prune.PlanJson;
import io.prunescope.session.SessionFile;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What the FX thread needs right after a model has opened, made on the loading thread beforehand: the layer table's
 * rows (a shape string and costs per node: 15 ms for 3,000 nodes) and the classes the first plan edit initialises
 * (the session file's and plan's JSON mappers: Jackson's class initialisation took 100-300 ms on the FX thread when
 * the autosave wrote the first session of a run).
 */
final class OpenPreparation {

    /** Rows per analysis; weak keys: an analysis that is no longer open is forgotten with its rows. */
    private static final Map<ModelAnalysis, List<LayerRow>> ROWS = Collections.synchronizedMap(new WeakHashMap<>());

    private OpenPreparation() {
    }

    /** Call on the loading thread once the analysis is known. */
    static void prepare(ModelAnalysis analysis) {
        rows(analysis);
        initialise(SessionFile.class);
        initialise(PlanJson.class);
    }

    /** The layer table's rows of {@code analysis}: prepared ones, or made now. */
    static List<LayerRow> rows(ModelAnalysis analysis) {
        return ROWS.computeIfAbsent(analysis, LayerRow::from);
    }

    private static void initialise(Class<?> c) {
        try {
            Class.forName(c.getName(), true, c.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e); // it is on the class path: we hold its Class
        }
    }
}
