package io.prunescope.ui;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the command line asked for.
 *
 * @param initialModel   model to open at start, or null to start empty
 * @param missingSample  a sample model that was expected but not found (shown as a hint), or null
 * @param screenshot     when set, snapshot the window to this PNG once the model is loaded, then exit
 * @param demoPlan       hidden option: a plan such as {@code fpgm:0.3} (filter pruning, that criterion and ratio on
 *                       every layer) applied once the model is open, with a layer in the middle selected; or null
 * @param measureOpen    {@code --measure-open}: time opening {@code initialModel} to interactive ({@link OpenTimer}),
 *                       print the figures, exit
 */
public record LaunchOptions(Path initialModel, Path missingSample, Path screenshot, String demoPlan,
                            boolean measureOpen) {

    public LaunchOptions(Path initialModel, Path missingSample, Path screenshot, String demoPlan) {
        this(initialModel, missingSample, screenshot, demoPlan, false);
    }

    public LaunchOptions(Path initialModel, Path missingSample, Path screenshot) {
        this(initialModel, missingSample, screenshot, null, false);
    }

    public static LaunchOptions empty() {
        return new LaunchOptions(null, null, null, null, false);
    }

    public Optional<Path> screenshotPath() {
        return Optional.ofNullable(screenshot);
    }
}
