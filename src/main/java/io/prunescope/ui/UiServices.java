package io.prunescope.ui;

import io.prunescope.session.Autosave;

import java.util.Objects;
import java.util.prefs.Preferences;

/**
 * Everything the UI needs from outside, handed over by the composition root.
 *
 * @param opener      reads and analyses model files into workspaces
 * @param preferences where window layout, theme, recent files and export choices are remembered
 * @param autosave    where the session is saved after every edit, and a crash is detected
 */
public record UiServices(WorkspaceOpener opener, Preferences preferences, Autosave autosave) {

    public UiServices {
        Objects.requireNonNull(opener, "opener");
        Objects.requireNonNull(preferences, "preferences");
        Objects.requireNonNull(autosave, "autosave");
    }

    /** The preferences node the desktop app uses. */
    public static Preferences defaultPreferences() {
        return Preferences.userRoot().node("io/prunescope/ui");
    }
}
