package io.prunescope.detection;

/**
 * An axis-aligned box in pixels, corners {@code (x1, y1)} top-left and {@code (x2, y2)} bottom-right; pixel
 * coordinates are continuous (a box covering the whole W×H image is {@code 0, 0, W, H}).
 */
public record Box(double x1, double y1, double x2, double y2) {

    public Box {
        if (!(Double.isFinite(x1) && Double.isFinite(y1) && Double.isFinite(x2) && Double.isFinite(y2))) {
            throw new IllegalArgumentException("box corners must be finite numbers, got " + x1 + ", " + y1 + ", "
                    + x2 + ", " + y2);
        }
    }

    /** From COCO's {@code [x, y, width, height]}. */
    public static Box ofXywh(double x, double y, double w, double h) {
        return new Box(x, y, x + w, y + h);
    }

    /** From a centre and a size (YOLO's {@code cx, cy, w, h}). */
    public static Box ofCenter(double cx, double cy, double w, double h) {
        return new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }

    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }

    /** Width × height, 0 for an empty or inverted box. */
    public double area() {
        return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
    }

    /** Area of the overlap with {@code o}; 0 when they do not overlap. */
    public double intersection(Box o) {
        double w = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        double h = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /** Intersection over union; 0 when the union is empty. */
    public double iou(Box o) {
        double inter = intersection(o);
        double union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** Each coordinate clamped to {@code [0, width]} or {@code [0, height]}, as YOLOv5's {@code clip_boxes}. */
    public Box clip(double width, double height) {
        return new Box(clamp(x1, width), clamp(y1, height), clamp(x2, width), clamp(y2, height));
    }

    private static double clamp(double v, double max) {
        return Math.max(0, Math.min(max, v));
    }
}
