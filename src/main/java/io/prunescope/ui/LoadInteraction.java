package io.prunescope.ui;

import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** What loading needs to ask or tell the person; the main window answers with dialogs. Called on the FX thread. */
public interface LoadInteraction {

    /** The file could not be opened; the previous model stays open. */
    void showLoadError(Path file, String message);

    /**
     * The model has input dimensions nobody gave a size for ({@code missing} as {@link InputBindings#resolve} names
     * them). Answer, possibly later, with the bindings to use, or empty to give up opening.
     */
    void askDimensions(Model model, InputBindings current, List<String> missing,
                       Consumer<Optional<InputBindings>> answer);
}
