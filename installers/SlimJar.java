import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies a jar without the entries an installer does not need: ONNX Runtime's native libraries of every platform but
 * the host's, and all debug symbols (.pdb, .dSYM). Run with Java's source launcher, so the scripts need no zip tool
 * (the Windows runner's bash has none):
 * <pre>
 *   java installers/SlimJar.java IN.jar OUT.jar KEEP_PLATFORM      e.g. linux-x64, osx-aarch64, win-x64
 * </pre>
 */
public final class SlimJar {

    private static final String NATIVE = "ai/onnxruntime/native/";

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java SlimJar.java IN.jar OUT.jar KEEP_PLATFORM");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String keep = NATIVE + args[2] + "/";
        long kept = 0;
        long dropped = 0;
        try (ZipFile zip = new ZipFile(in.toFile());
             ZipOutputStream dest = new ZipOutputStream(Files.newOutputStream(out))) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!wanted(e.getName(), keep)) {
                    dropped += Math.max(e.getSize(), 0);
                    continue;
                }
                kept += Math.max(e.getSize(), 0);
                dest.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream data = zip.getInputStream(e)) {
                    data.transferTo(dest);
                }
                dest.closeEntry();
            }
        }
        System.out.printf("%s: kept %d MB, dropped %d MB (other platforms, debug symbols)%n",
                out.getFileName(), kept >> 20, dropped >> 20);
        if (kept == 0) {
            System.exit(1);
        }
    }

    static boolean wanted(String name, String keepPrefix) {
        if (name.endsWith(".pdb") || name.contains(".dSYM/")) {
            return false;
        }
        return !name.startsWith(NATIVE) || name.equals(NATIVE) || name.startsWith(keepPrefix);
    }

    private SlimJar() {
    }
}
