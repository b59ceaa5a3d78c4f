package io.prunescope.prune;

/**
 * A channel group left unpruned because the export could not be proven with it.
 *
 * @param groupId  the {@code ChannelGroup} id
 * @param layers   the group's producers (the layers a person thinks of as the group), comma-separated
 * @param units    how many channel units the plan wanted to remove from it
 * @param evidence the first problem the failing proof reported
 */
public record DroppedGroup(int groupId, String layers, int units, String evidence) {

    public static final String REASON = "export proof failed for this group";

    public String describe() {
        return "group " + groupId + " (" + layers + ", " + units + " unit(s)): " + REASON;
    }
}
