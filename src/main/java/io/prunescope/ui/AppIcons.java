package io.prunescope.ui;

import javafx.scene.image.Image;

import java.util.List;

/**
 * PruneScope's icon (drawn by {@code src/tools/make_icon.py}, the same art the installers use) at the sizes window
 * managers pick from.
 */
public final class AppIcons {

    private static final int[] SIZES = {16, 32, 48, 64, 128, 256};

    private AppIcons() {
    }

    /** The icon at one of the bundled sizes (16, 32, 48, 64, 128, 256). */
    public static Image of(int size) {
        var url = AppIcons.class.getResource("icons/prunescope-" + size + ".png");
        if (url == null) {
            throw new IllegalArgumentException("no bundled icon of size " + size);
        }
        return new Image(url.toExternalForm());
    }

    /** Every size, for {@code Stage.getIcons()}. */
    public static List<Image> all() {
        return java.util.Arrays.stream(SIZES).mapToObj(AppIcons::of).toList();
    }
}
