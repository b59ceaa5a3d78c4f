package io.prunescope.ui.network;

/**
 * Zoom and pan of the diagram: which part of the content (world coordinates, pixels at zoom 1) the canvas shows.
 * {@code x, y} is the world point at the canvas' top-left corner. The view is kept over the content; content
 * smaller than the canvas is centred. Plain arithmetic, no JavaFX, so it is tested on its own.
 */
public final class Viewport {

    public static final double MIN_ZOOM = 0.02;
    public static final double MAX_ZOOM = 4;

    private double zoom = 1;
    private double x;
    private double y;
    private double viewWidth;
    private double viewHeight;
    private double contentWidth;
    private double contentHeight;

    public double zoom() {
        return zoom;
    }

    public double x() {
        return x;
    }

    public double y() {
        return y;
    }

    public double viewWidth() {
        return viewWidth;
    }

    public double viewHeight() {
        return viewHeight;
    }

    /** Visible world width. */
    public double worldWidth() {
        return viewWidth / zoom;
    }

    public double worldHeight() {
        return viewHeight / zoom;
    }

    public void setViewSize(double w, double h) {
        viewWidth = Math.max(0, w);
        viewHeight = Math.max(0, h);
        clamp();
    }

    public void setContent(double w, double h) {
        contentWidth = w;
        contentHeight = h;
        clamp();
    }

    public double toWorldX(double sx) {
        return x + sx / zoom;
    }

    public double toWorldY(double sy) {
        return y + sy / zoom;
    }

    public double toScreenX(double wx) {
        return (wx - x) * zoom;
    }

    public double toScreenY(double wy) {
        return (wy - y) * zoom;
    }

    /** Sets the zoom keeping the world point under screen point (sx, sy) where it is. */
    public void zoomAt(double newZoom, double sx, double sy) {
        double wx = toWorldX(sx);
        double wy = toWorldY(sy);
        zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, newZoom));
        x = wx - sx / zoom;
        y = wy - sy / zoom;
        clamp();
    }

    public void zoomAroundCentre(double newZoom) {
        zoomAt(newZoom, viewWidth / 2, viewHeight / 2);
    }

    /** Moves the view by a screen distance (dragging right by 10 px shows what is 10 px further left). */
    public void panBy(double dxScreen, double dyScreen) {
        x -= dxScreen / zoom;
        y -= dyScreen / zoom;
        clamp();
    }

    public void moveTo(double wx, double wy) {
        x = wx;
        y = wy;
        clamp();
    }

    public void centreOn(double wx, double wy) {
        x = wx - worldWidth() / 2;
        y = wy - worldHeight() / 2;
        clamp();
    }

    /** The zoom at which the whole content fits (never above 1:1). */
    public double fitZoom() {
        if (contentWidth <= 0 || contentHeight <= 0 || viewWidth <= 0 || viewHeight <= 0) {
            return 1;
        }
        return Math.max(MIN_ZOOM, Math.min(1, Math.min(viewWidth / contentWidth, viewHeight / contentHeight)));
    }

    public void fit() {
        zoom = fitZoom();
        centreOn(contentWidth / 2, contentHeight / 2);
    }

    /** True when the world rectangle lies inside the view. */
    public boolean shows(double x0, double y0, double x1, double y1) {
        return x0 >= x && y0 >= y && x1 <= x + worldWidth() && y1 <= y + worldHeight();
    }

    public double minX() {
        return contentWidth <= worldWidth() ? (contentWidth - worldWidth()) / 2 : 0;
    }

    public double maxX() {
        return contentWidth <= worldWidth() ? minX() : contentWidth - worldWidth();
    }

    public double minY() {
        return contentHeight <= worldHeight() ? (contentHeight - worldHeight()) / 2 : 0;
    }

    public double maxY() {
        return contentHeight <= worldHeight() ? minY() : contentHeight - worldHeight();
    }

    public double contentWidth() {
        return contentWidth;
    }

    public double contentHeight() {
        return contentHeight;
    }

    private void clamp() {
        x = Math.max(minX(), Math.min(maxX(), x));
        y = Math.max(minY(), Math.min(maxY(), y));
    }
}
