package io.prunescope.files;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the {@code assets/} folder (sample model, bundled data) wherever PruneScope runs from.
 * <p>
 * Looking only in the working directory made {@code --data bundled} and the window's sample fail as soon as the
 * program was started from anywhere but the project root, and an installed copy never found its sample. The
 * search order is:
 * <ol>
 *   <li>the folder named by the system property {@value #PROPERTY} (the installers set it), taken as given;</li>
 *   <li>{@code assets/} under the working directory (the project root under {@code mvn javafx:run});</li>
 *   <li>{@code assets/} beside or above the code's own location (the jar's folder, or {@code target/classes}),
 *       up to {@value #LEVELS_UP} folders up, which covers {@code target/prunescope.jar}, {@code target/classes}
 *       and an app image's {@code lib/app}.</li>
 * </ol>
 * A folder counts as the assets folder only when it holds the {@linkplain #MARKER marker file}, so an unrelated
 * {@code assets/} folder of the user's is never taken for ours.
 */
public final class BundledAssets {

    public static final String PROPERTY = "prunescope.assets";
    /** The file whose presence identifies our assets folder. */
    public static final String MARKER = "models/fashion-resnet.onnx";
    static final int LEVELS_UP = 4;

    private BundledAssets() {
    }

    /** The assets folder, or {@code ./assets} (absent) when none is found, so messages name a real place. */
    public static Path locate() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        return find(Path.of("").toAbsolutePath(), codeLocation()).orElse(Path.of("assets"));
    }

    /** The search of {@link #locate()} without the property, from a given working directory and code location. */
    public static Optional<Path> find(Path workingDirectory, Path codeLocation) {
        for (Path candidate : candidates(workingDirectory, codeLocation)) {
            if (Files.isRegularFile(candidate.resolve(MARKER))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static List<Path> candidates(Path workingDirectory, Path codeLocation) {
        List<Path> out = new ArrayList<>();
        out.add(workingDirectory.resolve("assets"));
        if (codeLocation != null) {
            Path dir = Files.isDirectory(codeLocation) ? codeLocation : codeLocation.getParent();
            for (int i = 0; dir != null && i <= LEVELS_UP; i++, dir = dir.getParent()) {
                out.add(dir.resolve("assets"));
            }
        }
        return out;
    }

    /** The jar or classes folder this class was loaded from; null when the runtime does not say. */
    static Path codeLocation() {
        try {
            CodeSource source = BundledAssets.class.getProtectionDomain().getCodeSource();
            return source == null || source.getLocation() == null ? null
                    : Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException
                 | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }
}
