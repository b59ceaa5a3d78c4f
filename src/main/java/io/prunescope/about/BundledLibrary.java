package io.prunescope.about;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One library that ships inside PruneScope, with the licence it is distributed under. The list lives in
 * {@code io/prunescope/about/libraries.tsv} (filtered by Maven); a test checks each version against the jars on the
 * class path.
 *
 * @param coordinates {@code groupId:artifactId}
 * @param version     the bundled version
 * @param name        the name people know it by
 * @param licence     the licence's short name
 * @param url         the project's home page
 */
public record BundledLibrary(String coordinates, String version, String name, String licence, String url) {

    static final String RESOURCE = "libraries.tsv";

    /** Every bundled library, in the order of the list (ONNX Runtime and JavaFX first). */
    public static List<BundledLibrary> all() {
        try (InputStream in = BundledLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("io/prunescope/about/" + RESOURCE + " is missing from the build");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<BundledLibrary> parse(List<String> lines) {
        List<BundledLibrary> out = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 5) {
                throw new IllegalStateException(RESOURCE + ": expected 5 tab-separated fields in: " + line);
            }
            out.add(new BundledLibrary(f[0], f[1], f[2], f[3], f[4]));
        }
        return List.copyOf(out);
    }

    public String artifactId() {
        return coordinates.substring(coordinates.indexOf(':') + 1);
    }
}
