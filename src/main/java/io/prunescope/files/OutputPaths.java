package io.prunescope.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Checks that a path can take a new file before anything is written, so that the person reads which of their
 * choices is wrong ("is a folder", "is read-only") instead of an error about a temporary file they never named.
 */
public final class OutputPaths {

    private OutputPaths() {
    }

    /** Throws {@link UnsafeOutputException} saying why {@code target} cannot be written; returns its absolute path. */
    public static Path check(Path target) throws UnsafeOutputException {
        if (target == null || target.toString().isBlank()) {
            throw new UnsafeOutputException("the output path is empty: give a file name");
        }
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new UnsafeOutputException(target + " is a folder: give a file name inside it");
        }
        Path dir = absolute.getParent();
        if (dir == null || absolute.getFileName() == null) {
            throw new UnsafeOutputException(target + " is not a file name");
        }
        Path existingAncestor = dir;
        while (existingAncestor != null && !Files.exists(existingAncestor)) {
            existingAncestor = existingAncestor.getParent();
        }
        if (existingAncestor != null && !Files.isDirectory(existingAncestor)) {
            throw new UnsafeOutputException("cannot write " + target + ": " + existingAncestor
                    + " is a file, not a folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new UnsafeOutputException("cannot write " + target + ": the folder " + dir + " does not exist");
        }
        if (readOnly(dir)) {
            throw new UnsafeOutputException("cannot write " + target + ": the folder " + dir
                    + " is read-only");
        }
        if (Files.exists(absolute)) {
            if (!Files.isRegularFile(absolute)) {
                throw new UnsafeOutputException(target + " exists and is not a regular file (a device, pipe or"
                        + " socket); PruneScope writes only ordinary files");
            }
            if (readOnly(absolute)) {
                throw new UnsafeOutputException(target + " exists and is read-only; PruneScope does not replace"
                        + " read-only files (make it writable or choose another name)");
            }
        }
        return absolute;
    }

    /**
     * Read-only by its permission bits, not only by {@link Files#isWritable}: a process running as root may write
     * anything, yet a file its owner marked read-only is still a file the person wants kept.
     */
    static boolean readOnly(Path path) {
        if (!Files.isWritable(path)) {
            return true;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return false;
        }
        try {
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            return !perms.contains(PosixFilePermission.OWNER_WRITE) && !perms.contains(PosixFilePermission.GROUP_WRITE)
                    && !perms.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException e) {
            return false;
        }
    }
}
