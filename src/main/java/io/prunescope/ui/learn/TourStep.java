package io.prunescope.ui.learn;

/**
 * One step of the guided tour.
 *
 * @param title    short heading
 * @param text     what to look at and why, two or three sentences
 * @param targetId the CSS id of the main-window node the step points at (highlighted while the step shows)
 */
record TourStep(String title, String text, String targetId) {
}
