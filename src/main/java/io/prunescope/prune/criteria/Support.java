package io.prunescope.prune.criteria;

/** Whether something is possible, and a sentence saying why (shown to the user as is). */
public record Support(boolean supported, String reason) {

    public static Support yes(String reason) {
        return new Support(true, reason);
    }

    public static Support no(String reason) {
        return new Support(false, reason);
    }
}
