package io.prunescope.ui;

import io.prunescope.model.Node;
import io.prunescope.ui.network.NetworkDiagram;
import io.prunescope.ui.network.NetworkDiagram.Box;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The network's search: the field finds boxes by node name or op, the label counts them, Enter selects the next
 * match after the selection and Escape clears the search.
 */
final class NetworkSearch {

    private final NetworkViewModel vm;
    private final TextField field = new TextField();
    private final Label matchLabel = new Label();
    private final Runnable redraw;
    private final Consumer<Node> reveal;
    private NetworkDiagram diagram = NetworkDiagram.empty();
    private List<Box> matches = List.of();

    /**
     * @param redraw  called when the matches change (they are outlined)
     * @param reveal  scrolls a node's box into view
     * @param leave   Escape hands the focus back (to the canvas)
     */
    NetworkSearch(NetworkViewModel vm, Runnable redraw, Consumer<Node> reveal, Runnable leave) {
        this.vm = vm;
        this.redraw = redraw;
        this.reveal = reveal;
        field.setId("networkSearch");
        field.setPromptText("Find node or op (Enter: next)");
        field.getStyleClass().add("network-search");
        HBox.setHgrow(field, Priority.SOMETIMES);
        field.setPrefColumnCount(14);
        matchLabel.setId("networkMatches");
        matchLabel.getStyleClass().add("network-matches");
        field.textProperty().addListener(o -> updateMatches());
        field.setOnAction(e -> nextMatch());
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                field.clear();
                leave.run();
            }
        });
    }

    TextField field() {
        return field;
    }

    Label matchLabel() {
        return matchLabel;
    }

    /** A new diagram: the same search text on its boxes. */
    void setDiagram(NetworkDiagram d) {
        diagram = d;
        updateMatches();
    }

    /** The ids of the boxes that match, for outlining. */
    Set<Integer> matchedIds() {
        Set<Integer> ids = new HashSet<>();
        for (Box b : matches) {
            ids.add(b.id());
        }
        return ids;
    }

    private void updateMatches() {
        String q = field.getText() == null ? "" : field.getText().strip();
        matches = diagram.search(q);
        matchLabel.setText(q.isEmpty() ? "" : matches.isEmpty() ? "no match" : matches.size() + " found");
        redraw.run();
    }

    /** Selects the next box matching the search text after the current selection (wraps around). */
    void nextMatch() {
        if (matches.isEmpty()) {
            return;
        }
        Node selected = vm.selectedNodeProperty().get();
        int at = -1;
        for (int i = 0; i < matches.size(); i++) {
            Box b = matches.get(i);
            if (selected != null && b.node() != null && b.node().index() == selected.index()) {
                at = i;
                break;
            }
        }
        for (int k = 1; k <= matches.size(); k++) {
            Box b = matches.get((at + k) % matches.size());
            if (b.node() != null) {
                matchLabel.setText(((at + k) % matches.size() + 1) + " of " + matches.size());
                vm.selectedNodeProperty().set(b.node());
                reveal.accept(b.node());
                return;
            }
        }
    }
}
