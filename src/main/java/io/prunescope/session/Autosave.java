package io.prunescope.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps the user's work safe if the program dies (a hostile model can crash native code, DESIGN §8): the session is
 * written after every edit to a file in the settings folder, and a marker file says the program is running. On the
 * next start, a marker still present means the last run did not end cleanly, and the autosaved session is offered.
 */
public final class Autosave {

    private final Path dir;
    private final Path sessionFile;
    private final Path runningMarker;
    private final Path lastSavedFile;

    public Autosave(Path dir) {
        this.dir = dir;
        this.sessionFile = dir.resolve("autosave-session.json");
        this.runningMarker = dir.resolve("running.marker");
        this.lastSavedFile = dir.resolve("last-saved-session.json");
    }

    /**
     * The settings folder: {@code ~/.prunescope}, or the folder named by the system property {@value #HOME_PROPERTY}
     * (tests point it at a temporary folder).
     */
    public static Autosave inUserHome() {
        String home = System.getProperty(HOME_PROPERTY);
        return new Autosave(home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".prunescope"));
    }

    public static final String HOME_PROPERTY = "prunescope.home";

    /**
     * Call once at start-up, before {@link #markRunning()}: the session of a run that did not end cleanly, if any,
     * and only when restoring it gives back something ({@link RestorePolicy}: not empty, not the last saved one).
     */
    public Optional<SessionFile> crashedSession() {
        if (!Files.exists(runningMarker) || !Files.isRegularFile(sessionFile)) {
            return Optional.empty();
        }
        try {
            SessionFile session = SessionFile.read(sessionFile);
            return RestorePolicy.worthOffering(session, sameAsLastSaved()) ? Optional.of(session) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Remembers the session the user just saved to, or opened from, a file: an autosave equal to it is not offered
     * after a crash, since nothing would be lost. Both copies are written by {@link SessionFile#write}, so equal
     * sessions are equal bytes.
     */
    public void rememberSaved(SessionFile session) throws IOException {
        Files.createDirectories(dir);
        session.write(lastSavedFile);
    }

    private boolean sameAsLastSaved() throws IOException {
        return Files.isRegularFile(lastSavedFile) && Files.mismatch(sessionFile, lastSavedFile) == -1L;
    }

    public void markRunning() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(runningMarker, Long.toString(ProcessHandle.current().pid()));
    }

    public void save(SessionFile session) throws IOException {
        Files.createDirectories(dir);
        session.write(sessionFile);
    }

    /** A clean exit: no crash to report next time. */
    public void markStopped() throws IOException {
        Files.deleteIfExists(runningMarker);
    }

    /** The user declined the restore, or restored it: forget it. */
    public void discard() throws IOException {
        Files.deleteIfExists(sessionFile);
    }

    public Path sessionPath() {
        return sessionFile;
    }
}
