package io.prunescope.ui.learn;

/** A picture of the Learn view: drawn at any size, on screen, to PNG or to SVG. */
interface LearnPicture {

    void paint(Sketch sketch, double width, double height, LearnStyle style);

    /** The height it wants at this width (screens stack pictures; exports use the size the user chose). */
    default double preferredHeight(double width, LearnStyle style) {
        return width * 0.5;
    }
}
