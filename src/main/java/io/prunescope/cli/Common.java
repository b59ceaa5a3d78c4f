package io.prunescope.cli;

import java.util.ArrayList;
import java.util.List;

/** Text output shared by the commands: grouped numbers and plain tables. */
final class Common {

    private Common() {
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
