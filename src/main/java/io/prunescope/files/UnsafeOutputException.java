package io.prunescope.files;

import java.io.IOException;

/**
 * PruneScope will not write a file there: the path names an input, another output of the same command, a folder,
 * a read-only file, or a place that cannot hold a file. The message names the path the person gave and why, never
 * the temporary file the write would have used.
 */
public final class UnsafeOutputException extends IOException {

    public UnsafeOutputException(String message) {
        super(message);
    }
}
