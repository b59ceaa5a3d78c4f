package io.prunescope.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Replaces a file with 8 MiB through {@link AtomicFiles}, for {@link AtomicFilesTest}, which runs it under a file-size
 * limit ({@code ulimit -f}) so that the operating system refuses the write part-way (EFBIG, as a full disk refuses it
 * with ENOSPC). Prints "failed: MESSAGE" or "written".
 */
public final class LimitedWriteMain {

    private LimitedWriteMain() {
    }

    public static void main(String[] args) {
        try {
            AtomicFiles.write(Path.of(args[0]), new byte[8 << 20]);
            System.out.println("written");
        } catch (IOException e) {
            System.out.println("failed: " + e.getMessage());
        }
    }
}
