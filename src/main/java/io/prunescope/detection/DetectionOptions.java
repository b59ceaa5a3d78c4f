package io.prunescope.detection;

/**
 * How a detector is evaluated.
 *
 * @param imageSize letterbox size S (square); 0 = the model's static input height × width, required for a model
 *                  whose input size is dynamic
 * @param nms       post-processing; {@link NonMaxSuppression#VAL} is val.py's
 * @param anchors   anchors per level for raw-head outputs (finest level first); ignored for decoded outputs
 * @param maxDets   detections per image that COCO's AP reads (COCO: 100); P and R read all that NMS keeps
 */
public record DetectionOptions(int imageSize, NonMaxSuppression nms, float[][] anchors, int maxDets) {

    /** val.py's settings, the size taken from the model. */
    public static final DetectionOptions DEFAULT =
            new DetectionOptions(0, NonMaxSuppression.VAL, YoloOutputDecoder.V5_ANCHORS, 100);

    public DetectionOptions {
        if (imageSize < 0) {
            throw new IllegalArgumentException("the image size must be positive (or 0 for the model's), got "
                    + imageSize);
        }
        if (maxDets <= 0) {
            throw new IllegalArgumentException("maxDets must be positive, got " + maxDets);
        }
        if (nms == null || anchors == null) {
            throw new IllegalArgumentException("nms and anchors must be given");
        }
    }

    public DetectionOptions withImageSize(int s) {
        return new DetectionOptions(s, nms, anchors, maxDets);
    }

    public DetectionOptions withNms(NonMaxSuppression n) {
        return new DetectionOptions(imageSize, n, anchors, maxDets);
    }

    public DetectionOptions withAnchors(float[][] a) {
        return new DetectionOptions(imageSize, nms, a, maxDets);
    }
}
