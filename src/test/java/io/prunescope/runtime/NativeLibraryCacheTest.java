package io.prunescope.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** ONNX Runtime's libraries unpacked once into the settings folder, and linked from there by a new process. */
class NativeLibraryCacheTest {

    private static final String PLATFORM = NativeLibraryCache.platform(System.getProperty("os.name"),
            System.getProperty("os.arch")).orElse("none");

    @Test
    void platformFoldersAreNamedAsOnnxRuntimePacksThem() {
        assertThat(NativeLibraryCache.platform("Linux", "amd64")).contains("linux-x64");
        assertThat(NativeLibraryCache.platform("Linux", "aarch64")).contains("linux-aarch64");
        assertThat(NativeLibraryCache.platform("Mac OS X", "aarch64")).contains("osx-aarch64");
        assertThat(NativeLibraryCache.platform("Mac OS X", "x86_64")).contains("osx-x64");
        assertThat(NativeLibraryCache.platform("Windows 11", "amd64")).contains("win-x64");
        assertThat(NativeLibraryCache.platform("SunOS", "sparcv9")).isEmpty();
        assertThat(NativeLibraryCache.platform("FreeBSD", "amd64")).isEmpty();
    }

    @Test
    void unpacksTheBundledBytesOnceAndRepairsACutCopy(@TempDir Path home) throws Exception {
        Optional<Path> folder = NativeLibraryCache.unpackInto(home);
        assumeTrue(bundled("onnxruntime4j_jni") != null, "no ONNX Runtime library bundled for " + PLATFORM);
        assertThat(folder).isPresent();
        assertThat(folder.get().getParent()).isEqualTo(home.resolve("native"));
        assertThat(folder.get().getFileName().toString()).startsWith("onnxruntime-" + PLATFORM + "-");
        Path jni = folder.get().resolve(System.mapLibraryName("onnxruntime4j_jni"));
        Path main = folder.get().resolve(System.mapLibraryName("onnxruntime"));
        assertThat(Files.readAllBytes(jni)).isEqualTo(bundled("onnxruntime4j_jni"));
        assertThat(Files.size(main)).isEqualTo(bundled("onnxruntime").length);
        try (var listing = Files.list(folder.get())) {
            assertThat(listing.map(p -> p.getFileName().toString())).as("no temporary files left")
                    .containsExactlyInAnyOrder(jni.getFileName().toString(), main.getFileName().toString());
        }

        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(main, old);
        assertThat(NativeLibraryCache.unpackInto(home)).isEqualTo(folder);
        assertThat(Files.getLastModifiedTime(main)).as("a whole copy is not written again").isEqualTo(old);

        Files.write(jni, new byte[100]);
        assertThat(NativeLibraryCache.unpackInto(home)).isEqualTo(folder);
        assertThat(Files.readAllBytes(jni)).as("a copy of the wrong size is replaced").isEqualTo(bundled("onnxruntime4j_jni"));
    }

    @Test
    void aHomeThatCannotBeWrittenLeavesOnnxRuntimeToItsOwnWay(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        assertThat(NativeLibraryCache.unpackInto(file)).isEmpty();
    }

    @Test
    void aNewProcessLinksOnnxRuntimeFromTheUnpackedCopy(@TempDir Path home) throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs /proc to see which files are mapped");
        assumeTrue(bundled("onnxruntime4j_jni") != null, "no ONNX Runtime library bundled for " + PLATFORM);
        List<String> lines = child("-Dprunescope.home=" + home);
        Path folder = home.resolve("native");
        assertThat(lines).contains("gram 5.0 11.0 25.0");
        assertThat(lines).anyMatch(l -> l.startsWith("property " + folder));
        assertThat(lines.stream().filter(l -> l.startsWith("mapped "))).isNotEmpty()
                .allMatch(l -> l.startsWith("mapped " + folder), "every ONNX Runtime file mapped from " + folder);

        List<String> off = child("-Dprunescope.home=" + home, "-D" + NativeLibraryCache.SWITCH + "=false");
        assertThat(off).contains("gram 5.0 11.0 25.0", "property null");
    }

    private static List<String> child(String... properties) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(javaBin));
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NativeLibraryCacheMain.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }

    private static byte[] bundled(String library) throws Exception {
        try (InputStream in = NativeLibraryCache.class.getResourceAsStream(
                "/ai/onnxruntime/native/" + PLATFORM + "/" + System.mapLibraryName(library))) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
