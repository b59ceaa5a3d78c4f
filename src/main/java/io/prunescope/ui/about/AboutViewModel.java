package io.prunescope.ui.about;

import io.prunescope.about.BuildInfo;
import io.prunescope.about.BundledLibrary;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Optional;

/**
 * What Help ▸ About shows: PruneScope's version (from the pom, via {@link BuildInfo}), the versions of ONNX Runtime,
 * JavaFX and Java that run it, every bundled library with its licence, and ONNX Runtime's third-party notices.
 */
public final class AboutViewModel {

    /** One row of the libraries table. */
    public record LibraryRow(String name, String version, String licence, String url) {
    }

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper versions = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper notices = new ReadOnlyStringWrapper();
    private final ObservableList<LibraryRow> libraries = FXCollections.observableArrayList();

    /**
     * @param build          the build's versions
     * @param runningJavaFx  the JavaFX actually running ({@code javafx.runtime.version}), or null when unknown
     * @param java           the running Java, e.g. {@code 17.0.15 (Debian)}
     * @param bundled        the bundled libraries
     * @param onnxNotices    ONNX Runtime's third-party notices, when its jar carries them
     */
    public AboutViewModel(BuildInfo build, String runningJavaFx, String java, List<BundledLibrary> bundled,
                          Optional<String> onnxNotices) {
        title.set(build.title());
        String fx = runningJavaFx == null || runningJavaFx.isBlank() ? build.javaFxVersion() : runningJavaFx;
        versions.set("ONNX Runtime " + build.onnxRuntimeVersion() + "\nJavaFX " + fx + "\nJava " + java);
        for (BundledLibrary lib : bundled) {
            libraries.add(new LibraryRow(lib.name(), lib.version(), lib.licence(), lib.url()));
        }
        notices.set(onnxNotices.orElse("ONNX Runtime's ThirdPartyNotices.txt is missing from this build."));
    }

    /** The view model of the running program. */
    public static AboutViewModel current(String runningJavaFx) {
        return new AboutViewModel(BuildInfo.current(), runningJavaFx,
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                BundledLibrary.all(), io.prunescope.about.ThirdPartyNotices.onnxRuntime());
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty versionsProperty() {
        return versions.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticesProperty() {
        return notices.getReadOnlyProperty();
    }

    public ObservableList<LibraryRow> libraries() {
        return libraries;
    }
}
