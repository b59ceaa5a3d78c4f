package io.prunescope.files;

import java.nio.file.Path;

/** A process stopped in the middle of an atomic write, for {@link OutputPathsTest}: prints "writing", then waits. */
public final class SlowWriteMain {

    private SlowWriteMain() {
    }

    public static void main(String[] args) throws Exception {
        AtomicFiles.write(Path.of(args[0]), out -> {
            out.write(new byte[1 << 20]);
            out.flush();
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, written -> { });
    }
}
