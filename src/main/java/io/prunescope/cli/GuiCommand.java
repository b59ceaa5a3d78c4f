package io.prunescope.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code prunescope gui [MODEL]}: opens the workbench window. A user who downloaded only the runnable jar has no
 * other way to the window ({@code java -jar} starts the command line); the installed launchers start the window
 * directly. Without MODEL the window opens the bundled sample, as the desktop launcher does.
 */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the PruneScope workbench window (on MODEL, or on the bundled sample).")
final class GuiCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "An .onnx file to open.")
    Path model;

    @Option(names = "--screenshot", paramLabel = "PNG",
            description = "Write the window to this PNG once the model is loaded, then exit.")
    Path screenshot;

    @Option(names = "--measure-open",
            description = "Time opening MODEL to interactive (network drawn, first layer's heatmaps shown) and the"
                    + " longest stall of the window's thread meanwhile, then what a frame costs while the network"
                    + " scrolls; print the figures, then exit.")
    boolean measureOpen;

    /** The window's entry point; tests replace it to see what would be launched without opening a window. */
    Consumer<String[]> launcher = io.prunescope.app.Main::main;

    @Override
    public Integer call() {
        launcher.accept(launchArguments());
        return 0;
    }

    /** The arguments the window's {@code Main} understands, in its syntax. */
    String[] launchArguments() {
        List<String> args = new ArrayList<>();
        if (model != null) {
            args.add(model.toString());
        }
        if (screenshot != null) {
            args.add("--screenshot=" + screenshot);
        }
        if (measureOpen) {
            args.add("--measure-open");
        }
        return args.toArray(String[]::new);
    }
}
