package io.prunescope.about;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Optional;

/**
 * The third-party notices ONNX Runtime ships inside its jar ({@code ThirdPartyNotices.txt}, the licences of the code
 * compiled into its native library). They must travel with every copy of PruneScope, so they are shown in the About
 * dialog straight from the bundled jar rather than copied into this project.
 */
public final class ThirdPartyNotices {

    static final String RESOURCE = "ThirdPartyNotices.txt";
    /** A class file that only ONNX Runtime's jar holds: its jar is the one whose notices we want. */
    static final String ONNX_RUNTIME_MARKER = "ai/onnxruntime/OrtEnvironment.class";

    private ThirdPartyNotices() {
    }

    /** ONNX Runtime's notices, or empty when its jar carries none (a repackaged build that dropped them). */
    public static Optional<String> onnxRuntime() {
        ClassLoader loader = ThirdPartyNotices.class.getClassLoader();
        URL marker = loader.getResource(ONNX_RUNTIME_MARKER);
        try {
            Enumeration<URL> all = loader.getResources(RESOURCE);
            while (marker != null && all.hasMoreElements()) {
                URL url = all.nextElement();
                // Other jars may ship a file of the same name; in the shaded jar everything shares one jar.
                if (sameJar(url, marker)) {
                    return Optional.of(read(url));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static boolean sameJar(URL a, URL b) {
        return jarOf(a).equals(jarOf(b));
    }

    private static String jarOf(URL url) {
        String s = url.toString();
        int bang = s.indexOf("!/");
        return bang < 0 ? s : s.substring(0, bang);
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
