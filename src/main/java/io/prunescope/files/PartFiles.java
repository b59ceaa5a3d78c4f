package io.prunescope.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary {@code .part} files of atomic writes. Their names carry the writing process's id
 * ({@code .NAME.ps-PID-RANDOM.part}) so that a later run can tell its own leftovers from anyone else's: a part file
 * whose process is gone is stale and is removed; one whose process still runs is being written and is left alone.
 * A shutdown hook removes the files being written when the JVM ends on SIGTERM, SIGINT or {@code System.exit}
 * (SIGKILL and power loss leave them, and the sweep removes them next time).
 */
final class PartFiles {

    private static final Pattern OURS = Pattern.compile("^\\..+\\.ps-(\\d+)-[0-9a-f]{12}\\.part$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();
    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PartFiles::deleteInFlight, "prunescope-part-cleanup"));
    }

    private PartFiles() {
    }

    /** A fresh temporary name next to {@code absoluteTarget}, of our own naming. */
    static Path nameFor(Path absoluteTarget) {
        byte[] r = new byte[6];
        RANDOM.nextBytes(r);
        return absoluteTarget.resolveSibling("." + absoluteTarget.getFileName() + ".ps-" + ProcessHandle.current().pid()
                + "-" + HexFormat.of().formatHex(r) + ".part");
    }

    static void track(Path part) {
        IN_FLIGHT.add(part);
    }

    static void untrack(Path part) {
        IN_FLIGHT.remove(part);
    }

    static void deleteInFlight() {
        for (Path p : IN_FLIGHT) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException | RuntimeException e) {
                // Nothing more can be done while the JVM goes down; the next sweep removes it.
            }
        }
    }

    /** True for a name this class makes. */
    static boolean isOurs(String fileName) {
        return OURS.matcher(fileName).matches();
    }

    /**
     * {@link #sweepStale} once per folder and process: listing a folder of thousands of files (a Downloads folder,
     * /tmp) cost 4–5 ms of every export, more than writing the file's header, and part files only go stale when a
     * process dies, so the next run's first write there removes any that appear meanwhile. Returns how many were
     * removed (0 when the folder was swept before).
     */
    static int sweepStaleOnce(Path dir) {
        return SWEPT.add(dir) ? sweepStale(dir) : 0;
    }

    /** Removes part files of our naming in {@code dir} whose writing process no longer runs; returns how many. */
    static int sweepStale(Path dir) {
        int removed = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".*.part")) {
            for (Path p : s) {
                Matcher m = OURS.matcher(p.getFileName().toString());
                if (!m.matches() || !Files.isRegularFile(p)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // A folder we cannot list has nothing we could delete; the write itself reports real problems.
        }
        return removed;
    }
}
