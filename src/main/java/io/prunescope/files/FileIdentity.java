package io.prunescope.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What makes two paths the same file: the same absolute path once {@code .} and {@code ..} are taken out, the same
 * real path (symbolic links resolved, also for a file that does not exist yet through its folder), or the same
 * file key (device and inode on Unix), which is the only way to see that two names are hard links to one file.
 */
record FileIdentity(Path normalized, Path real, Object fileKey) {

    static FileIdentity of(Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        return new FileIdentity(normalized, realPath(normalized), fileKey(normalized));
    }

    boolean sameAs(FileIdentity other) {
        return normalized.equals(other.normalized)
                || (real != null && real.equals(other.real))
                || (fileKey != null && fileKey.equals(other.fileKey));
    }

    /** The real path of the file, or of its folder plus its name when the file does not exist yet. */
    private static Path realPath(Path normalized) {
        try {
            return normalized.toRealPath();
        } catch (IOException e) {
            Path parent = normalized.getParent();
            if (parent == null || normalized.getFileName() == null) {
                return null;
            }
            try {
                return parent.toRealPath().resolve(normalized.getFileName());
            } catch (IOException e2) {
                return null;
            }
        }
    }

    private static Object fileKey(Path normalized) {
        try {
            if (!Files.exists(normalized)) {
                return null;
            }
            return Files.readAttributes(normalized, BasicFileAttributes.class).fileKey();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
