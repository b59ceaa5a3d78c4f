package io.prunescope.ui;

import io.prunescope.session.Autosave;
import io.prunescope.session.SessionFile;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Crash detection at start-up: if the last run did not end cleanly, offer to restore its autosaved session (or
 * discard it and start as asked), then mark this run as running so that a crash of it is noticed next time. Apart
 * from {@link MainWindow} because it is one decision made once, from the autosave's markers.
 */
final class CrashRestore {

    private CrashRestore() {
    }

    /**
     * @param restore opens the crashed run's session
     * @param start   what the start-up does otherwise (open the model given, or the sample)
     */
    static void atStartup(Autosave autosave, MainViewModel document, WindowDialogs dialogs,
                          Consumer<SessionFile> restore, Runnable start) {
        Optional<SessionFile> crashed = autosave.crashedSession();
        try {
            autosave.markRunning();
        } catch (IOException e) {
            document.statusProperty().set("Autosave is off: " + e.getMessage());
        }
        if (crashed.isEmpty()) {
            start.run();
            return;
        }
        dialogs.offerRestore(crashed.get(), () -> restore.accept(crashed.get()), () -> {
            try {
                autosave.discard();
            } catch (IOException ignored) {
                // nothing to forget
            }
            start.run();
        });
    }
}
