package io.prunescope.ui;

import java.util.Objects;
import java.util.prefs.Preferences;

/**
 * Everything the UI needs from outside, handed over by the composition root.
 *
 * @param reader      reads model files
 * @param analysis    shape inference and costs
 * @param preferences where window layout, theme and recent files are remembered
 */
public record UiServices(ModelFileReader reader, AnalysisService analysis, Preferences preferences) {

    public UiServices {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(preferences, "preferences");
    }

    /** The preferences node the desktop app uses. */
    public static Preferences defaultPreferences() {
        return Preferences.userRoot().node("io/prunescope/ui");
    }
}
