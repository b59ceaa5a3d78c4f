package io.prunescope.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Concrete values for the model's symbolic input dimensions: per input a full shape (as
 * {@code --input-shape images=1,3,640,640} gives) and per symbol a size (as {@code batch=1}).
 * Defaults: the batch dimension is 1; other unknown dimensions come from the model's metadata when it states
 * an image size, otherwise they must be asked for: {@link #resolve} names the ones still missing.
 */
public final class InputBindings {

    private final Map<String, long[]> shapes;
    private final Map<String, Long> symbols;

    public InputBindings(Map<String, long[]> shapes, Map<String, Long> symbols) {
        this.shapes = new LinkedHashMap<>(shapes);
        this.symbols = new LinkedHashMap<>(symbols);
    }

    public static InputBindings none() {
        return new InputBindings(Map.of(), Map.of());
    }

    public Map<String, long[]> shapes() {
        return Collections.unmodifiableMap(shapes);
    }

    public Map<String, Long> symbols() {
        return Collections.unmodifiableMap(symbols);
    }

    public InputBindings withShape(String input, long[] shape) {
        InputBindings b = new InputBindings(shapes, symbols);
        b.shapes.put(input, shape.clone());
        return b;
    }

    public InputBindings withSymbol(String symbol, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("dimension '" + symbol + "' must be positive, not " + value);
        }
        InputBindings b = new InputBindings(shapes, symbols);
        b.symbols.put(symbol, value);
        return b;
    }

    /** Parses "name=1,3,224,224". */
    public static Map.Entry<String, long[]> parseShape(String spec) {
        int eq = spec.lastIndexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("expected NAME=D1,D2,... but got '" + spec + "'");
        }
        String[] parts = spec.substring(eq + 1).split("[,x×]");
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                dims[i] = Long.parseLong(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[i] + "' in '" + spec + "' is not a whole number");
            }
            if (dims[i] <= 0) {
                throw new IllegalArgumentException("dimension " + dims[i] + " in '" + spec + "' must be positive");
            }
        }
        return Map.entry(spec.substring(0, eq).trim(), dims);
    }

    /**
     * Concrete shapes for every graph input. Dimensions not bound by the user: a dimension named like a batch
     * (anywhere), an unnamed leading dimension, or the first dimension of a rank-4 image input becomes 1; spatial
     * dims of a rank-4 input take {@code imgsz} metadata ({@code [h, w]} or one size) if the model has it. Anything
     * else is reported in the exception so a UI can ask for it. A given shape must match the declared rank and
     * fixed dims; a shape for an input the model does not have is refused.
     */
    public Map<String, long[]> resolve(Model model) {
        Map<String, long[]> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        long[] metaImage = imageSizeFromMetadata(model);
        for (String named : shapes.keySet()) {
            if (model.graph().input(named).isEmpty()) {
                throw new IllegalArgumentException("the model has no input '" + named + "'; its inputs are "
                        + model.graph().inputs().stream().map(ValueInfo::name).toList());
            }
        }
        for (ValueInfo in : model.graph().inputs()) {
            Shape s = in.type() == null ? null : in.type().shape();
            if (shapes.containsKey(in.name())) {
                long[] given = shapes.get(in.name()).clone();
                checkOverride(in.name(), s, given);
                out.put(in.name(), given);
                continue;
            }
            if (s == null) {
                missing.add(in.name() + " (rank unknown)");
                continue;
            }
            long[] dims = new long[s.rank()];
            for (int i = 0; i < dims.length; i++) {
                Dim d = s.dim(i);
                if (d.isKnown()) {
                    dims[i] = d.value();
                } else if (d.isSymbolic() && symbols.containsKey(d.symbol())) {
                    dims[i] = symbols.get(d.symbol());
                } else if (looksLikeBatch(d) || (i == 0 && (isAnonymous(d) && s.rank() >= 2 || s.rank() == 4))) {
                    // a batch-named dim anywhere, an unnamed leading dim, or N of an NCHW image input
                    dims[i] = 1;
                } else if (s.rank() == 4 && i >= 2 && metaImage != null) {
                    dims[i] = metaImage[i - 2];
                } else {
                    dims[i] = -1;
                    missing.add(in.name() + "[" + i + "]" + (d.isSymbolic() ? " '" + d.symbol() + "'" : ""));
                }
            }
            out.put(in.name(), dims);
        }
        if (!missing.isEmpty()) {
            throw new UnboundDimensionsException(missing);
        }
        out.forEach(InputBindings::checkElementCount);
        return out;
    }

    /** The most elements one input may have: inputs are fed from one Java array. */
    public static final long MAX_INPUT_ELEMENTS = Integer.MAX_VALUE - 8L;

    /**
     * Refuses an input whose element count overflows or exceeds what one array holds, here and with its name, rather
     * than as ONNX Runtime's "integer overflow" or a failed allocation later.
     */
    private static void checkElementCount(String name, long[] dims) {
        long n = 1;
        for (long d : dims) {
            try {
                n = Math.multiplyExact(n, Math.max(d, 1));
            } catch (ArithmeticException e) {
                n = Long.MAX_VALUE;
                break;
            }
        }
        if (n > MAX_INPUT_ELEMENTS) {
            throw new IllegalArgumentException("input '" + name + "' of shape " + java.util.Arrays.toString(dims)
                    + " has " + (n == Long.MAX_VALUE ? "more than 2^63" : String.format(java.util.Locale.ROOT, "%,d", n))
                    + " elements, more than the " + String.format(java.util.Locale.ROOT, "%,d", MAX_INPUT_ELEMENTS)
                    + " one input can hold; give a smaller --input-shape or --symbol");
        }
    }

    private static void checkOverride(String name, Shape declared, long[] given) {
        for (int i = 0; i < given.length; i++) {
            if (given[i] <= 0) {
                throw new IllegalArgumentException("input '" + name + "': dimension " + i + " must be positive, not "
                        + given[i]);
            }
        }
        if (declared == null) {
            return;
        }
        if (declared.rank() != given.length) {
            throw new IllegalArgumentException("input '" + name + "' has rank " + declared.rank() + " " + declared
                    + " but the given shape " + java.util.Arrays.toString(given) + " has rank " + given.length);
        }
        // A size fixed in the file may be overridden on purpose (analysing a fully convolutional model at another
        // resolution); an op that baked the old size in is then reported by the analysis, naming the node.
    }

    /** Unknown without a name, or a name shape inference made up ({@code unk__12}). */
    private static boolean isAnonymous(Dim d) {
        return !d.isSymbolic() || d.symbol().startsWith("unk__");
    }

    private static boolean looksLikeBatch(Dim d) {
        if (!d.isSymbolic()) {
            return false;
        }
        String s = d.symbol().toLowerCase(java.util.Locale.ROOT);
        return s.contains("batch") || s.equals("n") || s.equals("b") || s.equals("bs");
    }

    /** {height, width} from metadata such as Ultralytics' {@code imgsz: [640, 640]}, or null. */
    private static long[] imageSizeFromMetadata(Model model) {
        for (String key : List.of("imgsz", "image_size", "input_size")) {
            String v = model.metadata().get(key);
            if (v != null) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+").matcher(v);
                List<Long> found = new ArrayList<>();
                while (m.find() && found.size() < 2) {
                    try {
                        found.add(Long.parseLong(m.group()));
                    } catch (NumberFormatException e) {
                        break;
                    }
                }
                if (!found.isEmpty() && found.stream().allMatch(x -> x > 0)) {
                    return new long[]{found.get(0), found.get(found.size() - 1)};
                }
            }
        }
        return null;
    }

    /** Thrown when some input dimension has no value; the message lists each one so the user can supply it. */
    public static final class UnboundDimensionsException extends IllegalArgumentException {
        private final List<String> missing;

        public UnboundDimensionsException(List<String> missing) {
            super("give a size for these symbolic input dimensions (e.g. --input-shape NAME=1,3,224,224): "
                    + String.join(", ", missing));
            this.missing = List.copyOf(missing);
        }

        public List<String> missing() {
            return missing;
        }
    }
}
