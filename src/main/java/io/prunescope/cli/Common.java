package io.prunescope.cli;

import io.prunescope.model.InputBindings;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Options shared by the commands that load models. */
final class Common {

    private Common() {
    }

    static final class Bindings {
        @Option(names = "--input-shape", paramLabel = "NAME=D1,D2,...",
                description = "Concrete shape of an input, e.g. images=1,3,640,640 (repeatable).")
        List<String> inputShapes = new ArrayList<>();

        @Option(names = "--symbol", paramLabel = "SYMBOL=SIZE",
                description = "Size of a symbolic dimension, e.g. batch=1 (repeatable).")
        List<String> symbols = new ArrayList<>();

        InputBindings toBindings() {
            InputBindings b = InputBindings.none();
            for (String s : inputShapes) {
                Map.Entry<String, long[]> e = InputBindings.parseShape(s);
                b = b.withShape(e.getKey(), e.getValue());
            }
            for (String s : symbols) {
                int eq = s.indexOf('=');
                if (eq <= 0 || eq == s.length() - 1) {
                    throw new IllegalArgumentException("expected SYMBOL=SIZE but got '" + s + "'");
                }
                long v;
                try {
                    v = Long.parseLong(s.substring(eq + 1).trim());
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("'" + s.substring(eq + 1) + "' in '" + s
                            + "' is not a whole number");
                }
                if (v <= 0) {
                    throw new IllegalArgumentException("size in '" + s + "' must be positive");
                }
                b = b.withSymbol(s.substring(0, eq).trim(), v);
            }
            return b;
        }
    }

    static String group(long v) {
        return String.format(java.util.Locale.ROOT, "%,d", v);
    }

    /** A plain text table with right-aligned numeric columns. */
    static final class Table {
        private final String[] header;
        private final boolean[] right;
        private final List<String[]> rows = new ArrayList<>();

        Table(String[] header, boolean[] right) {
            this.header = header;
            this.right = right;
        }

        void add(String... row) {
            rows.add(row);
        }

        String render() {
            int[] w = new int[header.length];
            for (int i = 0; i < header.length; i++) {
                w[i] = header[i].length();
            }
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    w[i] = Math.max(w[i], r[i].length());
                }
            }
            StringBuilder sb = new StringBuilder();
            line(sb, header, w);
            StringBuilder rule = new StringBuilder();
            for (int i = 0; i < w.length; i++) {
                rule.append(i > 0 ? "  " : "").append("-".repeat(w[i]));
            }
            sb.append(rule).append('\n');
            for (String[] r : rows) {
                line(sb, r, w);
            }
            return sb.toString();
        }

        private void line(StringBuilder sb, String[] cells, int[] w) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    l.append("  ");
                }
                String c = cells[i];
                String pad = " ".repeat(w[i] - c.length());
                l.append(right[i] ? pad + c : c + (i == cells.length - 1 ? "" : pad));
            }
            sb.append(l.toString().stripTrailing()).append('\n');
        }
    }
}
