package io.prunescope.about;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of PruneScope and of the two native-backed libraries it ships, as the build recorded them.
 * <p>
 * The version is defined once, in {@code pom.xml}; Maven filters it into {@code io/prunescope/about/build.properties}
 * so the command line's {@code --version}, the About dialog and the installers' scripts all read the same value.
 *
 * @param version            PruneScope's version ({@code project.version})
 * @param onnxRuntimeVersion the ONNX Runtime the build was made with
 * @param javaFxVersion      the JavaFX the build was made with (the window shows the running one when it differs)
 */
public record BuildInfo(String version, String onnxRuntimeVersion, String javaFxVersion) {

    static final String RESOURCE = "build.properties";

    /** The build's values; fails loudly when the resource is missing or was not filtered (a broken build). */
    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("io/prunescope/about/" + RESOURCE + " is missing from the build");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(value(p, "version"), value(p, "onnxruntime.version"), value(p, "javafx.version"));
    }

    private static String value(Properties p, String key) {
        String v = p.getProperty(key, "").strip();
        if (v.isEmpty() || v.startsWith("${")) {
            throw new IllegalStateException(RESOURCE + " has no filtered value for " + key);
        }
        return v;
    }

    /** {@code PruneScope 0.1.0}: the line {@code --version} prints first. */
    public String title() {
        return "PruneScope " + version;
    }
}
