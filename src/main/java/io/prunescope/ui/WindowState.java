package io.prunescope.ui;

import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.util.Arrays;
import java.util.Locale;
import java.util.prefs.Preferences;

/** Remembers window size and position, split divider positions, theme and the last folder in the preferences. */
public final class WindowState {

    private static final double DEFAULT_W = 1400;
    private static final double DEFAULT_H = 860;
    private final Preferences prefs;

    public WindowState(Preferences prefs) {
        this.prefs = prefs;
    }

    /** Puts the stage where it was last time, if that place is still on a screen. */
    public void restore(Stage stage) {
        double w = prefs.getDouble("window.w", DEFAULT_W);
        double h = prefs.getDouble("window.h", DEFAULT_H);
        double x = prefs.getDouble("window.x", Double.NaN);
        double y = prefs.getDouble("window.y", Double.NaN);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setWidth(Math.min(Math.max(w, 640), Math.max(640, screen.getWidth())));
        stage.setHeight(Math.min(Math.max(h, 420), Math.max(420, screen.getHeight())));
        if (!Double.isNaN(x) && !Double.isNaN(y) && !Screen.getScreensForRectangle(x, y, 100, 40).isEmpty()) {
            stage.setX(x);
            stage.setY(y);
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(prefs.getBoolean("window.maximized", false));
    }

    public void save(Stage stage) {
        prefs.putBoolean("window.maximized", stage.isMaximized());
        if (!stage.isMaximized() && !stage.isIconified()) {
            prefs.putDouble("window.x", stage.getX());
            prefs.putDouble("window.y", stage.getY());
            prefs.putDouble("window.w", stage.getWidth());
            prefs.putDouble("window.h", stage.getHeight());
        }
    }

    public void restoreDividers(String key, SplitPane split, double... defaults) {
        double[] pos = parse(prefs.get("split." + key, null), defaults.length);
        split.setDividerPositions(pos != null ? pos : defaults);
    }

    public void saveDividers(String key, SplitPane split) {
        prefs.put("split." + key, Arrays.stream(split.getDividerPositions())
                .mapToObj(d -> String.format(Locale.ROOT, "%.4f", d)).reduce((a, b) -> a + "," + b).orElse(""));
    }

    private static double[] parse(String s, int n) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            double[] d = Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
            return d.length == n && Arrays.stream(d).allMatch(v -> v > 0.02 && v < 0.98) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A small remembered number (e.g. which panel is maximised). */
    public int intValue(String key, int fallback) {
        return prefs.getInt("layout." + key, fallback);
    }

    public void putInt(String key, int value) {
        prefs.putInt("layout." + key, value);
    }

    public Theme theme() {
        return Theme.parse(prefs.get("theme", Theme.LIGHT.name()));
    }

    public void saveTheme(Theme theme) {
        prefs.put("theme", theme.name());
    }

    public String lastFolder() {
        return prefs.get("lastFolder", null);
    }

    public void saveLastFolder(String folder) {
        prefs.put("lastFolder", folder);
    }
}
