package io.prunescope.ui.learn;

import javafx.scene.paint.Color;

import java.util.Locale;

/**
 * {@link Sketch} that writes SVG 1.1. The pictures use only rectangles, lines, circles and text, so a small writer
 * is enough and keeps the export free of a new dependency; text is escaped for XML.
 */
final class SvgSketch implements Sketch {

    private final StringBuilder body = new StringBuilder();
    private final double width;
    private final double height;

    SvgSketch(double width, double height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Color fill) {
        body.append(f("<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" %s/>%n", x, y, w, h,
                paint("fill", fill)));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Color stroke, double lineWidth) {
        body.append(f("<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" %s "
                + "stroke-width=\"%.2f\"/>%n", x, y, w, h, paint("stroke", stroke), lineWidth));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color stroke, double lineWidth) {
        body.append(f("<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" %s stroke-width=\"%.2f\"/>%n",
                x1, y1, x2, y2, paint("stroke", stroke), lineWidth));
    }

    @Override
    public void circle(double cx, double cy, double r, Color fill, Color stroke, double lineWidth) {
        String fillAttr = fill == null ? "fill=\"none\"" : paint("fill", fill);
        String strokeAttr = stroke == null ? "" : paint("stroke", stroke) + f(" stroke-width=\"%.2f\"", lineWidth);
        body.append(f("<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" %s %s/>%n", cx, cy, r, fillAttr, strokeAttr));
    }

    @Override
    public void text(double x, double y, String text, Color color, double size, boolean bold) {
        body.append(f("<text x=\"%.2f\" y=\"%.2f\" font-family=\"sans-serif\" font-size=\"%.1f\"%s %s>", x, y, size,
                bold ? " font-weight=\"bold\"" : "", paint("fill", color)));
        body.append(escape(text)).append("</text>\n");
    }

    /** The whole document. */
    String document() {
        return f("<?xml version=\"1.0\" encoding=\"UTF-8\"?>%n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
                + "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">%n", width, height, width, height)
                + body + "</svg>\n";
    }

    private static String paint(String attribute, Color c) {
        String rgb = f("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
        String s = attribute + "=\"" + rgb + "\"";
        return c.getOpacity() < 1 ? s + f(" %s-opacity=\"%.3f\"", attribute, c.getOpacity()) : s;
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (ch >= 0x20 || ch == '\t' || ch == '\n') {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
