package io.prunescope.ui.network;

/** Where the fold marker sits on a box (mirrors NetworkModulePainter's geometry: 34 px wide, 6 px from the right). */
final class NetworkModulePainterAccess {
    static final double MARKER_CENTRE_FROM_RIGHT = 6 + 34 / 2.0;

    private NetworkModulePainterAccess() {
    }
}
