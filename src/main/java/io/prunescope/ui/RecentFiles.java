package io.prunescope.ui;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** The last {@value #MAX} models opened, newest first, remembered in the preferences. */
public final class RecentFiles {

    public static final int MAX = 10;
    private static final String KEY = "recent.";

    private final Preferences prefs;
    private final ObservableList<Path> files = FXCollections.observableArrayList();

    public RecentFiles(Preferences prefs) {
        this.prefs = prefs;
        List<Path> loaded = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String s = prefs.get(KEY + i, null);
            if (s != null && !s.isBlank()) {
                try {
                    loaded.add(Path.of(s));
                } catch (RuntimeException ignored) {
                    // an entry from another machine or OS: skip it
                }
            }
        }
        files.setAll(loaded);
    }

    public ObservableList<Path> files() {
        return FXCollections.unmodifiableObservableList(files);
    }

    public void add(Path file) {
        Path p = file.toAbsolutePath().normalize();
        List<Path> next = new ArrayList<>(files);
        next.remove(p);
        next.add(0, p);
        while (next.size() > MAX) {
            next.remove(next.size() - 1);
        }
        files.setAll(next);
        save();
    }

    public void remove(Path file) {
        files.remove(file);
        save();
    }

    public void clear() {
        files.clear();
        save();
    }

    private void save() {
        for (int i = 0; i < MAX; i++) {
            if (i < files.size()) {
                prefs.put(KEY + i, files.get(i).toString());
            } else {
                prefs.remove(KEY + i);
            }
        }
    }
}
