package io.prunescope.detection;

/** A model's outputs or options do not fit detection (not a YOLOv5 output, wrong class count, bad input size). */
public class DetectionException extends RuntimeException {

    public DetectionException(String message) {
        super(message);
    }
}
