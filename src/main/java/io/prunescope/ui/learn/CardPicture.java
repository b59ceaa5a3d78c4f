package io.prunescope.ui.learn;

import io.prunescope.learn.SfpFpgmCard;

import java.util.ArrayList;
import java.util.List;

/**
 * The SFP vs FPGM card as a picture (so it goes on a slide like the others): a three-column table, text wrapped at
 * word boundaries with the width of a character estimated at 0.55 em (the sketch has no text metrics; the estimate
 * errs wide, so lines never overflow their column).
 */
final class CardPicture implements LearnPicture {

    private static final double CHAR = 0.55;

    @Override
    public double preferredHeight(double width, LearnStyle s) {
        double y = s.fontSize() * 3.2;
        for (SfpFpgmCard.Row r : SfpFpgmCard.rows()) {
            y += rowHeight(r, width, s);
        }
        return y + s.fontSize();
    }

    @Override
    public void paint(Sketch g, double width, double height, LearnStyle s) {
        double fs = s.fontSize();
        double[] x = columns(width, s);
        g.text(x[0], fs * 1.4, SfpFpgmCard.TITLE + " — what the papers say, what this workbench does", s.ink(),
                fs * 1.15, true);
        g.text(x[1], fs * 2.8, "SFP", s.firstPick(), fs * 1.05, true);
        g.text(x[2], fs * 2.8, "FPGM", s.secondPick(), fs * 1.05, true);
        double y = fs * 3.2;
        for (SfpFpgmCard.Row r : SfpFpgmCard.rows()) {
            double h = rowHeight(r, width, s);
            g.line(x[0], y, width - fs * 0.5, y, s.grid(), s.lineWidth() * 0.6);
            lines(g, r.aspect(), x[0], y, x[1] - x[0] - fs, s, true);
            lines(g, r.sfp(), x[1], y, x[2] - x[1] - fs, s, false);
            lines(g, r.fpgm(), x[2], y, width - x[2] - fs, s, false);
            y += h;
        }
    }

    private static double[] columns(double width, LearnStyle s) {
        double first = Math.min(width * 0.2, s.fontSize() * 14);
        double rest = (width - first - s.fontSize()) / 2;
        return new double[]{s.fontSize() * 0.5, first, first + rest};
    }

    private static double rowHeight(SfpFpgmCard.Row r, double width, LearnStyle s) {
        double[] x = columns(width, s);
        int n = Math.max(wrap(r.aspect(), x[1] - x[0] - s.fontSize(), s).size(),
                Math.max(wrap(r.sfp(), x[2] - x[1] - s.fontSize(), s).size(),
                        wrap(r.fpgm(), width - x[2] - s.fontSize(), s).size()));
        return n * s.fontSize() * 1.35 + s.fontSize() * 0.8;
    }

    private static void lines(Sketch g, String text, double x, double top, double width, LearnStyle s, boolean bold) {
        double y = top + s.fontSize() * 1.3;
        for (String line : wrap(text, width, s)) {
            g.text(x, y, line, s.ink(), s.fontSize(), bold);
            y += s.fontSize() * 1.35;
        }
    }

    static List<String> wrap(String text, double width, LearnStyle s) {
        int perLine = Math.max(8, (int) (width / (s.fontSize() * CHAR)));
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > perLine) {
                out.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        return out;
    }
}
