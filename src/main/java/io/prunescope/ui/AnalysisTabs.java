package io.prunescope.ui;

import io.prunescope.session.Workspace;
import io.prunescope.ui.heatmap.HeatmapPanel;
import io.prunescope.ui.preview.ChartsPanel;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;

import java.util.List;
import java.util.prefs.Preferences;

/**
 * The area under the panels: tabs "Heatmaps" (the selected layer's {@link HeatmapPanel}, first and the default),
 * "Per-layer costs" (kept vs removed per layer) and "Score histogram" (the selected layer's scores and cut-off). The
 * chosen tab is kept in the preferences. The heatmaps follow the selection and the decision whether or not their tab
 * is showing ({@code HeatmapPanel.show}: the newest request wins), so switching to the tab shows them at once.
 */
final class AnalysisTabs {

    static final String PREF_KEY = "analysisTab";
    static final String HEATMAPS = "heatmapsTab";
    static final String COSTS = "costsTab";
    static final String HISTOGRAM = "histogramTab";

    private final MainViewModel document;
    private final HeatmapPanel heatmap;
    private final TabPane tabs = new TabPane();
    /** The tab chosen last time (a tab added later may be it). */
    private final String chosen;

    AnalysisTabs(MainViewModel document, HeatmapPanel heatmap, ChartsPanel charts, Preferences prefs) {
        this.document = document;
        this.heatmap = heatmap;
        Tab heatmaps = tab(HEATMAPS, "Heatmaps", heatmap,
                "Scores (L1, L2, FPGM, distance to the geometric median), kernel- and stripe-norm maps of the "
                        + "selected layer; pruned units dimmed and marked");
        Tab costs = tab(COSTS, "Per-layer costs", charts.costsView(),
                "What the plan keeps and removes in every prunable layer (MACs or parameters)");
        Tab histogram = tab(HISTOGRAM, "Score histogram", charts.histogramView(),
                "The selected layer's scores under its criterion, split at the cut-off");
        tabs.getTabs().addAll(heatmaps, costs, histogram);
        // the bars are drawn only while their tab shows (opening a big model need not draw a hidden chart)
        charts.barsShowingProperty().bind(costs.selectedProperty());
        charts.histogramShowingProperty().bind(histogram.selectedProperty());
        tabs.setId("analysisTabs");
        tabs.getStyleClass().add("analysis-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        chosen = prefs.get(PREF_KEY, HEATMAPS);
        tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getId().equals(chosen)).findFirst()
                .orElse(heatmaps));
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                prefs.put(PREF_KEY, now.getId());
            }
        });

        document.selectedNodeProperty().addListener((obs, old, now) -> updateHeatmap());
        document.decisionProperty().addListener((obs, old, now) -> updateHeatmap());
        document.workspaceProperty().addListener((obs, old, now) -> updateHeatmap());
    }

    private static Tab tab(String id, String text, Node content, String tip) {
        Tab t = new Tab(text, content);
        t.setId(id);
        t.setTooltip(new Tooltip(tip));
        // Only the selected tab's content takes part in layout. The tab pane resizes hidden tabs' content too, and
        // a JFreeChart viewer redraws its whole chart whenever it is resized: when a model opened, the window's new
        // layout redrew four hidden charts (costs, histogram, plan results, plans) in the pulse that shows the model
        // (src/docs/time-to-interactive.md, third round). Selected again, the content is laid out at the tab's size.
        content.managedProperty().bind(t.selectedProperty());
        return t;
    }

    private void updateHeatmap() {
        Workspace w = document.getWorkspace();
        io.prunescope.model.Node n = document.selectedNodeProperty().get();
        String layer = w == null || n == null || w.engine().layer(n.displayName()).isEmpty() ? null
                : n.displayName();
        heatmap.show(w, layer, document.decisionProperty().get());
    }

    /** Adds a tab after the others (the measuring tools' Plan results and Plans); a remembered choice of it holds. */
    void add(String id, String text, Node content, String tip) {
        Tab t = tab(id, text, content, tip);
        tabs.getTabs().add(t);
        if (id.equals(chosen)) {
            tabs.getSelectionModel().select(t);
        }
    }

    /** Selects the tab with that id ({@link #HEATMAPS}, {@link #COSTS}, {@link #HISTOGRAM}). */
    void select(String id) {
        tabs.getTabs().stream().filter(t -> t.getId().equals(id)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    String selectedId() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t == null ? null : t.getId();
    }

    List<Tab> tabs() {
        return List.copyOf(tabs.getTabs());
    }

    HeatmapPanel heatmap() {
        return heatmap;
    }

    TabPane node() {
        return tabs;
    }
}
