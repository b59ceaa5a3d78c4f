package io.prunescope.ui;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the command line asked for.
 *
 * @param initialModel   model to open at start, or null to start empty
 * @param missingSample  a sample model that was expected but not found (shown as a hint), or null
 * @param screenshot     when set, snapshot the window to this PNG once the model is loaded, then exit
 */
public record LaunchOptions(Path initialModel, Path missingSample, Path screenshot) {

    public static LaunchOptions empty() {
        return new LaunchOptions(null, null, null);
    }

    public Optional<Path> screenshotPath() {
        return Optional.ofNullable(screenshot);
    }
}
