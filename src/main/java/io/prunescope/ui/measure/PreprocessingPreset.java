package io.prunescope.ui.measure;

/**
 * The common preprocessings, as the data bar's presets: a pixel is multiplied by {@code scale}, then
 * {@code (x − mean) / std} per channel. "From the data" takes the data set's own (the bundled sample's JSON).
 */
public enum PreprocessingPreset {
    FROM_DATA("From the data set", null, null, null),
    PIXELS_255("Pixels / 255", "0.00392157", "0", "1"),
    IMAGENET("ImageNet mean and std", "0.00392157", "0.485, 0.456, 0.406", "0.229, 0.224, 0.225"),
    YOLO_LETTERBOX("YOLO letterbox (/ 255, no mean/std)", "0.00392157", "0", "1");

    private final String label;
    final String scale;
    final String mean;
    final String std;

    PreprocessingPreset(String label, String scale, String mean, String std) {
        this.label = label;
        this.scale = scale;
        this.mean = mean;
        this.std = std;
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * Why a scale/mean/std field's text is not usable, or "" when it is: one positive number for the scale, one value
     * or one per channel ({@code channels}) separated by commas for mean and std, std never 0.
     */
    static String check(String text, int channels, boolean positive, boolean perChannel) {
        String[] parts = text == null ? new String[0] : text.split(",");
        if (text == null || text.isBlank()) {
            return "required";
        }
        if (!perChannel && parts.length != 1) {
            return "one number";
        }
        if (perChannel && parts.length != 1 && parts.length != channels) {
            return channels == 1 ? "one value: the model has 1 channel" : "1 or " + channels + " values";
        }
        for (String p : parts) {
            double v;
            try {
                v = Double.parseDouble(p.trim());
            } catch (NumberFormatException e) {
                return "'" + p.trim() + "' is not a number";
            }
            if (!Double.isFinite(v) || (positive && v <= 0)) {
                return "must be above 0";
            }
        }
        return "";
    }
}
