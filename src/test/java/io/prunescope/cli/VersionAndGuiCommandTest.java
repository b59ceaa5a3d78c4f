package io.prunescope.cli;

import io.prunescope.about.BuildInfo;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --version} prints the pom's version; {@code gui} hands the window's launcher the right arguments. */
class VersionAndGuiCommandTest {

    @Test
    void versionIsTheBuildsVersion() throws Exception {
        StringWriter out = new StringWriter();
        int code = CliMain.execute(new String[]{"--version"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        String pomVersion = io.prunescope.about.BuildInfoTest.pom("version");
        assertThat(out.toString().lines().findFirst()).contains("PruneScope " + pomVersion);
        assertThat(out.toString()).contains("ONNX Runtime " + BuildInfo.current().onnxRuntimeVersion());
    }

    /** Parses {@code args} as the CLI does and runs the gui command with a launcher that only records. */
    private static List<String[]> launch(String... args) {
        List<String[]> launched = new ArrayList<>();
        CommandLine cl = CliMain.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        CommandLine gui = cl.getSubcommands().get("gui");
        ((GuiCommand) gui.getCommand()).launcher = launched::add;
        assertThat(cl.execute(args)).isZero();
        return launched;
    }

    @Test
    void guiWithoutAModelOpensTheSample() {
        assertThat(launch("gui")).singleElement().satisfies(a -> assertThat(a).isEmpty());
    }

    @Test
    void guiPassesTheModelAndScreenshotInTheWindowsSyntax() {
        assertThat(launch("gui", "models/x.onnx", "--screenshot", "/tmp/s.png")).singleElement()
                .satisfies(a -> assertThat(a).containsExactly("models/x.onnx", "--screenshot=/tmp/s.png"));
    }

    @Test
    void guiPassesMeasureOpen() {
        assertThat(launch("gui", "models/x.onnx", "--measure-open")).singleElement()
                .satisfies(a -> assertThat(a).containsExactly("models/x.onnx", "--measure-open"));
    }

    @Test
    void guiIsListedInTheHelp() {
        StringWriter out = new StringWriter();
        CliMain.execute(new String[]{"--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(out.toString()).containsPattern("\\bgui\\b.*window");
    }
}
