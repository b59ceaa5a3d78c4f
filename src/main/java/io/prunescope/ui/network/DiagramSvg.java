package io.prunescope.ui.network;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.function.Function;

/**
 * Writes a laid out network diagram (or a rectangle of it) as SVG 1.1: one rounded rect and up to three text lines
 * per box, one path per edge with the same cubic Béziers the canvas draws. No JavaFX: colours come in as CSS
 * strings from the caller's {@link Style}, so the picture carries the plan's colouring. Written by hand because
 * the format needed is small (rects, paths, text) and no SVG library is on the project's classpath.
 */
public final class DiagramSvg {

    /** How a box looks: fill and stroke (CSS colours), accent stripe colour, and the text of its lines. */
    public record BoxStyle(String fill, String stroke, String accent, String title, String detail, String note) {
    }

    /** Colours of the whole picture and per box. */
    public interface Style {
        String background();

        String edge();

        String text();

        String muted();

        BoxStyle box(NetworkDiagram.Box box);
    }

    private DiagramSvg() {
    }

    /** Writes the boxes and edges inside the world rectangle {@code x0,y0 – x1,y1}. */
    public static void write(NetworkDiagram d, double x0, double y0, double x1, double y1, Style style, Writer out)
            throws IOException {
        double w = x1 - x0;
        double h = y1 - y0;
        out.write(String.format(Locale.ROOT, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>%n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%.0f\" height=\"%.0f\" "
                + "viewBox=\"%.1f %.1f %.1f %.1f\" font-family=\"sans-serif\">%n", w, h, x0, y0, w, h));
        out.write(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                + "fill=\"%s\"/>%n", x0, y0, w, h, style.background()));
        out.write("<g fill=\"none\" stroke=\"" + style.edge() + "\" stroke-width=\"1.2\">\n");
        StringBuilder sb = new StringBuilder();
        d.visibleEdges(x0, y0, x1, y1, id -> sb.append("<path d=\"").append(path(d.edges().get(id)))
                .append("\"/>\n"));
        out.write(sb.toString());
        out.write("</g>\n");
        StringBuilder boxes = new StringBuilder();
        d.visibleBoxes(x0, y0, x1, y1, id -> box(boxes, d.boxes().get(id), style));
        out.write(boxes.toString());
        out.write("</svg>\n");
    }

    /** The route of an edge: Béziers with vertical tangents between layers, straight lines through dummies. */
    static String path(NetworkDiagram.Edge e) {
        double[] xs = e.xs();
        double[] ys = e.ys();
        StringBuilder p = new StringBuilder(String.format(Locale.ROOT, "M%.1f %.1f", xs[0], ys[0]));
        for (int i = 0; i + 1 < xs.length; i++) {
            if (i % 2 == 1) {
                p.append(String.format(Locale.ROOT, " L%.1f %.1f", xs[i + 1], ys[i + 1]));
            } else {
                double my = (ys[i] + ys[i + 1]) / 2;
                p.append(String.format(Locale.ROOT, " C%.1f %.1f %.1f %.1f %.1f %.1f", xs[i], my, xs[i + 1], my,
                        xs[i + 1], ys[i + 1]));
            }
        }
        return p.toString();
    }

    private static void box(StringBuilder out, NetworkDiagram.Box b, Style style) {
        BoxStyle s = style.box(b);
        boolean io = b.kind() == NetworkDiagram.Kind.INPUT || b.kind() == NetworkDiagram.Kind.OUTPUT;
        double r = io ? b.height() / 2 : 10;
        out.append(String.format(Locale.ROOT, "<g><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "rx=\"%.1f\" fill=\"%s\" stroke=\"%s\"/>", b.left(), b.y(), b.width(), b.height(), r, s.fill(),
                s.stroke()));
        if (s.accent() != null && !io) {
            out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"6\" height=\"%.1f\" rx=\"3\" "
                    + "fill=\"%s\"/>", b.left() + 1, b.y() + 1, b.height() - 2, s.accent()));
        }
        double tx = b.left() + 13;
        out.append(text(tx, b.y() + 18, 12, "bold", style.text(), s.title()));
        out.append(text(tx, b.y() + 33, 10, "normal", style.muted(), s.detail()));
        if (s.note() != null && !s.note().isEmpty()) {
            out.append(text(tx, b.y() + 46, 10, "normal", style.text(), s.note()));
        }
        out.append("</g>\n");
    }

    private static String text(double x, double y, double size, String weight, String fill, String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" font-weight=\"%s\" "
                + "fill=\"%s\">%s</text>", x, y, size, weight, fill, escape(s));
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c < 0x20 ? ' ' : c);
            }
        }
        return b.toString();
    }

    /** A JavaFX-free colour as CSS: r, g, b in 0..1. */
    public static String css(double r, double g, double b) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(r * 255), Math.round(g * 255),
                Math.round(b * 255));
    }

    /** Convenience for callers mapping boxes with a function. */
    public static Style style(String background, String edge, String text, String muted,
                              Function<NetworkDiagram.Box, BoxStyle> boxes) {
        return new Style() {
            public String background() {
                return background;
            }

            public String edge() {
                return edge;
            }

            public String text() {
                return text;
            }

            public String muted() {
                return muted;
            }

            public BoxStyle box(NetworkDiagram.Box box) {
                return boxes.apply(box);
            }
        };
    }
}
