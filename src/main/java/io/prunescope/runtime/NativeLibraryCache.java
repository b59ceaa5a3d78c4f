package io.prunescope.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps ONNX Runtime's native libraries unpacked in PruneScope's settings folder, so that a new process does not
 * unpack them again.
 *
 * <p>Why: without help, ONNX Runtime's Java binding copies its 20 MB library out of the jar into a fresh temporary
 * folder in every process before linking it. Measured on this project's 2-core machine, idle: creating the
 * environment took 266–282 ms that way and 119–134 ms from an unpacked copy; under the load of a starting
 * workbench the difference was 250–300 ms of the first FPGM or measurement a user waits for.
 *
 * <p>How: before the first ONNX Runtime class loads, the two libraries for this platform are copied once into
 * {@code <home>/native/onnxruntime-<platform>-<crc>/} (home: {@code $prunescope.home} or {@code ~/.prunescope};
 * the CRC-32 of the bundled library names the folder, so another ONNX Runtime version gets another folder) and the
 * binding's own property {@value #PROPERTY} points there. Each file is written under a temporary name and renamed
 * into place, so a crash cannot leave a half-written library behind; a copy whose size differs from the bundled
 * one is written again. Anything unusual (the property already set by the user or an installer, a read-only home,
 * an unknown platform, no bundled library) leaves the binding to its own way of loading: this is a speed-up, never
 * a new way to fail. {@code -Dprunescope.native.cache=false} turns it off.
 */
final class NativeLibraryCache {

    /** ONNX Runtime's own property: the folder holding its two libraries. */
    static final String PROPERTY = "onnxruntime.native.path";
    static final String SWITCH = "prunescope.native.cache";

    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");

    private NativeLibraryCache() {
    }

    /** Points ONNX Runtime at the unpacked copy, making it first if needed; call before any ONNX Runtime class loads. */
    static synchronized void prepare() {
        if (System.getProperty(PROPERTY) != null || "false".equals(System.getProperty(SWITCH))) {
            return;
        }
        settingsFolder().flatMap(NativeLibraryCache::unpackInto)
                .ifPresent(folder -> System.setProperty(PROPERTY, folder.toString()));
    }

    /** The folder with both libraries, unpacked into {@code home/native/…}; empty when that cannot be done. */
    static Optional<Path> unpackInto(Path home) {
        Optional<String> platform = platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        if (platform.isEmpty()) {
            return Optional.empty();
        }
        try {
            Bundled main = bundled(platform.get(), LIBRARIES.get(0));
            Bundled jni = bundled(platform.get(), LIBRARIES.get(1));
            if (main == null || jni == null) {
                return Optional.empty();
            }
            Path folder = home.resolve("native")
                    .resolve("onnxruntime-" + platform.get() + "-" + Long.toHexString(main.crc()));
            Files.createDirectories(folder);
            for (Bundled library : List.of(main, jni)) {
                Path target = folder.resolve(library.fileName());
                if (!Files.isRegularFile(target) || Files.size(target) != library.size()) {
                    copy(library, target);
                }
            }
            return Optional.of(folder);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** ONNX Runtime's name for the platform's resource folder (linux-x64, osx-aarch64, win-x64, …). */
    static Optional<String> platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        String o = os.contains("linux") ? "linux" : os.contains("mac") || os.contains("darwin") ? "osx"
                : os.contains("win") ? "win" : null;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : null;
        return o == null || a == null ? Optional.empty() : Optional.of(o + "-" + a);
    }

    private static Optional<Path> settingsFolder() {
        String home = System.getProperty("prunescope.home");
        if (home != null && !home.isBlank()) {
            return Optional.of(Path.of(home));
        }
        String user = System.getProperty("user.home");
        return user == null || user.isBlank() ? Optional.empty() : Optional.of(Path.of(user, ".prunescope"));
    }

    /** A library inside the jar: where, its size and CRC-32 (from the jar's directory, so nothing is read yet). */
    private record Bundled(URL url, String fileName, long size, long crc) {
    }

    private static Bundled bundled(String platform, String library) throws IOException {
        String fileName = System.mapLibraryName(library);
        URL url = NativeLibraryCache.class.getResource("/ai/onnxruntime/native/" + platform + "/" + fileName);
        if (url == null) {
            return null;
        }
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar) {
            var entry = jar.getJarEntry();
            return new Bundled(url, fileName, entry.getSize(), entry.getCrc());
        }
        // An exploded class path (an IDE): the file's size and time stand in for the CRC.
        return new Bundled(url, fileName, connection.getContentLengthLong(), connection.getLastModified());
    }

    private static void copy(Bundled library, Path target) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), library.fileName(), ".part");
        try {
            try (InputStream in = library.url().openStream()) {
                Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            }
            if (Files.size(temporary) != library.size()) {
                throw new IOException("unpacked " + Files.size(temporary) + " bytes of " + library.size());
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
