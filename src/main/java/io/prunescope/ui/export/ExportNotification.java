package io.prunescope.ui.export;

import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * A ControlsFX notification when an export finishes: it appears over the main window, so the verdict is seen even
 * when the export dialog is behind other windows, and fades by itself.
 */
final class ExportNotification {

    static final Duration SHOWN_FOR = Duration.seconds(8);

    private ExportNotification() {
    }

    static void show(Window owner, boolean proven, String verdict, String folder) {
        Notifications n = Notifications.create().owner(owner).position(Pos.BOTTOM_RIGHT).hideAfter(SHOWN_FOR)
                .title("Export " + verdict.toLowerCase(java.util.Locale.ROOT))
                .text(proven ? "Written to " + folder : "No model written: the pruned model failed its proof.");
        if (!proven) {
            n.showError();
        } else if (verdict.equals("VERIFIED")) {
            n.showInformation();
        } else {
            n.showWarning();
        }
    }
}
