package io.prunescope.ui;

import io.prunescope.analysis.PrunableLayer;
import io.prunescope.graphview.ModuleTree;
import io.prunescope.graphview.ViewStructure;
import io.prunescope.ui.heatmap.ColorScale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.List;
import java.util.Objects;

/**
 * The pruning profile: the whole network at a glance, one bar per prunable layer in graph order (so it reads from
 * the input to the head), its height the kept fraction under the plan. Bars are coloured by the layer's measured
 * sensitivity ({@link NetworkViewModel#sensitivityProperty()}, viridis from least to most sensitive) when any is
 * measured, otherwise by the kept fraction. Thin ticks separate the top-level modules. A click selects the layer.
 */
final class NetworkProfileStrip extends Region {

    static final double HEIGHT = 44;
    private static final double LABEL_W = 58;

    private final NetworkViewModel vm;
    private final Canvas canvas = new Canvas();
    private final Tooltip tip = new Tooltip();
    private final Font font = Font.font("System", 10);
    private List<PrunableLayer> layers = List.of();

    NetworkProfileStrip(NetworkViewModel vm) {
        this.vm = vm;
        setId("profileStrip");
        getStyleClass().add("network-profile");
        getChildren().add(canvas);
        setMinHeight(HEIGHT);
        setPrefHeight(HEIGHT);
        vm.structureProperty().addListener((obs, old, now) -> {
            layers = now == null ? List.of() : now.analysis().prunableLayers();
            paint();
        });
        vm.decisionProperty().addListener(o -> paint());
        vm.selectedNodeProperty().addListener(o -> paint());
        vm.sensitivityProperty().addListener(o -> paint());
        vm.themeProperty().addListener(o -> paint());
        canvas.setOnMouseClicked(e -> layerAt(e.getX()).ifPresent(l -> vm.selectedNodeProperty().set(l.node())));
        canvas.setOnMouseMoved(e -> {
            var l = layerAt(e.getX());
            if (l.isEmpty()) {
                Tooltip.uninstall(canvas, tip);
                return;
            }
            tip.setText(describe(l.get()));
            Tooltip.install(canvas, tip);
        });
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        paint();
    }

    /** The prunable layers, in the order of the bars. */
    List<PrunableLayer> layers() {
        return layers;
    }

    /** The layer whose bar covers an x position of the strip. */
    java.util.Optional<PrunableLayer> layerAt(double x) {
        double w = canvas.getWidth() - LABEL_W;
        if (layers.isEmpty() || x < LABEL_W || w <= 0) {
            return java.util.Optional.empty();
        }
        int i = (int) Math.floor((x - LABEL_W) / (w / layers.size()));
        return i >= 0 && i < layers.size() ? java.util.Optional.of(layers.get(i)) : java.util.Optional.empty();
    }

    /** Where the middle of a layer's bar is (x in the strip), or NaN. */
    double barCentre(PrunableLayer layer) {
        int i = layers.indexOf(layer);
        double w = (canvas.getWidth() - LABEL_W) / Math.max(1, layers.size());
        return i < 0 ? Double.NaN : LABEL_W + (i + 0.5) * w;
    }

    private String describe(PrunableLayer l) {
        double kept = vm.keptFraction(l);
        double s = vm.sensitivity(l.name());
        return l.name() + "\nkept " + Formats.percent(kept) + " of " + l.outputUnits() + " outputs"
                + (Double.isNaN(s) ? "" : String.format("\nsensitivity %.4g", s));
    }

    void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        NetworkPalette p = NetworkPalette.of(vm.themeProperty().get());
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);
        g.setFont(font);
        g.setFill(p.muted());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("Profile", 6, 12);
        g.fillText(layers.size() + " layers", 6, 28);
        if (layers.isEmpty() || w <= LABEL_W) {
            return;
        }
        double[] sens = layers.stream().mapToDouble(l -> vm.sensitivity(l.name())).toArray();
        double min = java.util.Arrays.stream(sens).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
        double max = java.util.Arrays.stream(sens).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
        double bw = (w - LABEL_W) / layers.size();
        double top = 4;
        double full = h - 8;
        ViewStructure st = vm.structureProperty().get();
        io.prunescope.model.Node selected = vm.selectedNodeProperty().get();
        ModuleTree.Module lastTop = null;
        for (int i = 0; i < layers.size(); i++) {
            PrunableLayer l = layers.get(i);
            double x = LABEL_W + i * bw;
            ModuleTree.Module topModule = st == null ? null
                    : st.tree().ancestry(l.node().index()).stream().findFirst().orElse(null);
            if (i > 0 && !Objects.equals(topModule, lastTop)) {
                g.setFill(p.connector());
                g.fillRect(x - 0.5, 0, 1, h);
            }
            lastTop = topModule;
            double kept = vm.keptFraction(l);
            double k = Double.isNaN(kept) ? 1 : kept;
            g.setFill(p.boxBorder());
            g.fillRect(x + (bw > 3 ? 0.5 : 0), top, Math.max(1, bw - (bw > 3 ? 1 : 0)), full);
            Color c = Double.isNaN(sens[i]) ? NetworkModulePainter.heat(k)
                    : ColorScale.color(ColorScale.normalise(sens[i], min, max));
            g.setFill(c);
            double bh = full * k;
            g.fillRect(x + (bw > 3 ? 0.5 : 0), top + full - bh, Math.max(1, bw - (bw > 3 ? 1 : 0)), bh);
            if (selected != null && l.node().index() == selected.index()) {
                g.setStroke(p.selected());
                g.setLineWidth(2);
                g.strokeRect(x, 1, Math.max(2, bw), h - 2);
            }
        }
    }
}
