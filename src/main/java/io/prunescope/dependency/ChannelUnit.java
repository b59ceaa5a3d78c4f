package io.prunescope.dependency;

/**
 * One prunable unit of a group: a set of channel slots that must go together (channel k of every coupled tensor,
 * shifted through Concat offsets, expanded through Flatten). {@code tensors[i]} has its channel {@code channels[i]}
 * in this unit.
 */
public record ChannelUnit(int index, String[] tensors, int[] channels, boolean prunable) {

    public int size() {
        return channels.length;
    }

    /** The channel this unit holds in the given tensor, or -1 (a Flatten feature unit may hold several: first one). */
    public int channelIn(String tensor) {
        for (int i = 0; i < tensors.length; i++) {
            if (tensors[i].equals(tensor)) {
                return channels[i];
            }
        }
        return -1;
    }
}
