package io.prunescope.ui;

import java.util.Locale;

/** The two looks of the window; each is {@code base.css} plus its own colour sheet. */
public enum Theme {
    LIGHT("light.css"), DARK("dark.css");

    private final String sheet;

    Theme(String sheet) {
        this.sheet = sheet;
    }

    public String stylesheet() {
        return resource(sheet);
    }

    public static String baseStylesheet() {
        return resource("base.css");
    }

    /** Every sheet of this theme in order: the shared base, the colours, then the network view's styles. */
    public java.util.List<String> stylesheets() {
        return java.util.List.of(baseStylesheet(), stylesheet(), resource("network.css"));
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    public static Theme parse(String s) {
        try {
            return valueOf(s);
        } catch (RuntimeException e) {
            return LIGHT;
        }
    }

    private static String resource(String name) {
        var url = Theme.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing stylesheet " + name);
        }
        return url.toExternalForm();
    }
}
