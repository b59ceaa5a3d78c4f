package io.prunescope.detection;

import java.util.List;

/**
 * What an evaluation found.
 *
 * @param metrics    COCO AP and val.py P/R
 * @param detections every detection NMS kept, in original-image pixels, image by image in data set order
 * @param inputWidth the letterbox size the model was fed
 * @param inputHeight the letterbox height
 * @param form       the output form the model had
 */
public record DetectionResult(DetectionMetrics metrics, List<Detection> detections, int inputWidth, int inputHeight,
                              YoloOutputDecoder.Form form) {

    public DetectionResult {
        detections = List.copyOf(detections);
    }
}
