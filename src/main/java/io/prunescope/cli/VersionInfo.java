package io.prunescope.cli;

import io.prunescope.about.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code prunescope --version}: PruneScope's version from the pom (via {@link BuildInfo}), ONNX Runtime's and Java's. */
final class VersionInfo implements IVersionProvider {

    @Override
    public String[] getVersion() {
        BuildInfo build = BuildInfo.current();
        return new String[]{
                build.title(),
                "ONNX Runtime " + build.onnxRuntimeVersion() + ", JavaFX " + build.javaFxVersion(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
