package io.prunescope.session;

import io.prunescope.prune.LayerSetting;
import io.prunescope.prune.PruningPlan;

/**
 * Whether an autosaved session is worth a "restore?" question after a run that did not end cleanly.
 * <p>
 * Asking is only useful when restoring gives back work that is otherwise lost. It is not worth asking when the
 * session is <em>empty</em> (no setting in force prunes anything: opening the model again gives the same state) or
 * <em>unchanged</em> (it equals the session the user last saved to or opened from a file, which is still there).
 * A first run after installing or updating, which often finds an autosave of the sample with nothing done, then
 * starts quietly.
 */
public final class RestorePolicy {

    private RestorePolicy() {
    }

    /**
     * @param session          the autosaved session
     * @param sameAsLastSaved  true when it is byte-for-byte the session last saved or opened from a file
     */
    public static boolean worthOffering(SessionFile session, boolean sameAsLastSaved) {
        return !sameAsLastSaved && !isEmpty(session.plan());
    }

    /** True when neither the defaults nor any layer's own setting removes or zeroes anything. */
    public static boolean isEmpty(PruningPlan plan) {
        if (plan.defaults().isActive()) {
            return false;
        }
        for (LayerSetting s : plan.layers().values()) {
            if (s.isActive()) {
                return false;
            }
        }
        return true;
    }
}
