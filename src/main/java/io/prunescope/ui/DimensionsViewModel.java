package io.prunescope.ui;

import io.prunescope.model.Dim;
import io.prunescope.model.InputBindings;
import io.prunescope.model.Model;
import io.prunescope.model.Shape;
import io.prunescope.model.ValueInfo;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The form asking for input dimensions that have no size: one entry per missing symbol (a symbol shared by several
 * inputs is asked once), per unnamed unknown dimension, or per input whose rank is unknown (a whole shape).
 * Pre-filled: 1 for batch-like dimensions, 224 for spatial ones, 3 for image channels.
 */
public final class DimensionsViewModel {

    /** One question: {@code symbol} is set for a named dimension, {@code index} is -1 for a whole shape. */
    public static final class Entry {
        private final String input;
        private final int index;
        private final String symbol;
        private final String label;
        private final StringProperty value;
        private final BooleanBinding valid;

        Entry(String input, int index, String symbol, String label, String initial) {
            this.input = input;
            this.index = index;
            this.symbol = symbol;
            this.label = label;
            this.value = new SimpleStringProperty(this, "value", initial);
            this.valid = Bindings.createBooleanBinding(() -> parses(value.get()), value);
        }

        public String label() {
            return label;
        }

        public StringProperty valueProperty() {
            return value;
        }

        public BooleanBinding validBinding() {
            return valid;
        }

        boolean wholeShape() {
            return index < 0;
        }

        private boolean parses(String text) {
            try {
                if (wholeShape()) {
                    InputBindings.parseShape(input + "=" + text);
                } else {
                    long v = Long.parseLong(text.trim());
                    return v > 0 && v <= 1_000_000;
                }
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        long longValue() {
            return Long.parseLong(value.get().trim());
        }
    }

    private final Model model;
    private final List<Entry> entries;
    private final BooleanBinding allValid;

    private DimensionsViewModel(Model model, List<Entry> entries) {
        this.model = model;
        this.entries = List.copyOf(entries);
        this.allValid = Bindings.createBooleanBinding(() -> this.entries.stream().allMatch(e -> e.valid.get()),
                this.entries.stream().map(e -> e.valid).toArray(BooleanBinding[]::new));
    }

    /** Builds the questions for the dimensions {@link InputBindings#resolve} reported as missing. */
    public static DimensionsViewModel from(Model model, List<String> missing) {
        List<Entry> entries = new ArrayList<>();
        Map<String, Boolean> askedSymbols = new HashMap<>();
        for (ValueInfo in : model.graph().inputs()) {
            if (missing.contains(in.name() + " (rank unknown)")) {
                entries.add(new Entry(in.name(), -1, null, in.name() + " (whole shape)", "1,3,224,224"));
                continue;
            }
            Shape s = in.type() == null ? null : in.type().shape();
            if (s == null) {
                continue;
            }
            for (int i = 0; i < s.rank(); i++) {
                Dim d = s.dim(i);
                String key = in.name() + "[" + i + "]" + (d.isSymbolic() ? " '" + d.symbol() + "'" : "");
                if (!missing.contains(key)) {
                    continue;
                }
                if (d.isSymbolic()) {
                    if (askedSymbols.put(d.symbol(), true) == null) {
                        entries.add(new Entry(in.name(), i, d.symbol(), d.symbol() + "  (" + in.name() + " dim " + i
                                + ")", Long.toString(defaultSize(d.symbol(), s.rank(), i))));
                    }
                } else {
                    entries.add(new Entry(in.name(), i, null, in.name() + " dim " + i,
                            Long.toString(defaultSize(null, s.rank(), i))));
                }
            }
        }
        return new DimensionsViewModel(model, entries);
    }

    static long defaultSize(String symbol, int rank, int index) {
        String s = symbol == null ? "" : symbol.toLowerCase(Locale.ROOT);
        if (s.contains("batch") || s.equals("n") || s.equals("b") || (s.isEmpty() && index == 0)) {
            return 1;
        }
        if (s.contains("height") || s.contains("width") || s.equals("h") || s.equals("w") || s.contains("size")
                || (rank == 4 && index >= 2)) {
            return 224;
        }
        if (rank == 4 && index == 1) {
            return 3;
        }
        return index == 0 ? 1 : 224;
    }

    public List<Entry> entries() {
        return entries;
    }

    public BooleanBinding allValidBinding() {
        return allValid;
    }

    public String modelName() {
        return model.displayName();
    }

    /** The given bindings plus the answers. Only valid when {@link #allValidBinding()} holds. */
    public InputBindings toBindings(InputBindings base) {
        InputBindings b = base;
        Map<String, Map<Integer, Long>> unnamed = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.wholeShape()) {
                b = b.withShape(e.input, InputBindings.parseShape(e.input + "=" + e.value.get()).getValue());
            } else if (e.symbol != null) {
                b = b.withSymbol(e.symbol, e.longValue());
            } else {
                unnamed.computeIfAbsent(e.input, k -> new HashMap<>()).put(e.index, e.longValue());
            }
        }
        for (Map.Entry<String, Map<Integer, Long>> u : unnamed.entrySet()) {
            Shape s = model.graph().input(u.getKey()).orElseThrow().type().shape();
            long[] dims = new long[s.rank()];
            for (int i = 0; i < dims.length; i++) {
                Dim d = s.dim(i);
                Long symbolValue = d.isSymbolic() ? b.symbols().get(d.symbol()) : null;
                dims[i] = d.isKnown() ? d.value() : u.getValue().containsKey(i) ? u.getValue().get(i)
                        : symbolValue != null ? symbolValue : 1;
            }
            b = b.withShape(u.getKey(), dims);
        }
        return b;
    }
}
