package io.prunescope.ui;

import io.prunescope.files.BundledAssets;
import io.prunescope.model.Node;
import io.prunescope.session.Workspace;
import io.prunescope.ui.learn.GuidedTour;
import io.prunescope.ui.learn.LearnWindow;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Help ▸ Learn (the teaching window on the selected layer) and Help ▸ Guided Tour, kept out of {@link MainWindow} so
 * the main window only wires them into its menu.
 */
final class LearnActions {

    private final MainWindow window;
    private LearnWindow learn;
    private GuidedTour tour;

    LearnActions(MainWindow window) {
        this.window = window;
    }

    /** Opens the Learn window on the selected layer (or a layer in the middle when none is selected). */
    void showLearn() {
        Workspace w = window.document().getWorkspace();
        if (w == null) {
            return;
        }
        Node selected = window.document().selectedNodeProperty().get();
        learn = LearnWindow.create(w, selected == null ? null : selected.displayName());
        learn.stage().initOwner(window.scene().getWindow());
        learn.stage().getScene().getStylesheets().setAll(window.scene().getStylesheets());
        learn.stage().show();
    }

    /** Starts the tour; with no model open it first opens the bundled sample the tour talks about. */
    void startTour() {
        if (tour != null) {
            tour.close();
        }
        tour = new GuidedTour(window.scene());
        if (window.document().getAnalysis() == null) {
            Path sample = BundledAssets.locate().resolve(BundledAssets.MARKER);
            if (Files.isRegularFile(sample)) {
                window.document().analysisProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                    @Override
                    public void changed(javafx.beans.value.ObservableValue<? extends io.prunescope.analysis.ModelAnalysis> o,
                                        io.prunescope.analysis.ModelAnalysis old, io.prunescope.analysis.ModelAnalysis now) {
                        o.removeListener(this);
                        if (now != null) {
                            javafx.application.Platform.runLater(tour::start);
                        }
                    }
                });
                window.open(sample);
                return;
            }
        }
        tour.start();
    }

    LearnWindow learnWindow() {
        return learn;
    }

    GuidedTour tour() {
        return tour;
    }
}
