package org.neuromod.session;

/** An action names an arm the session does not have. */
public final class ActionOutOfRange extends InvalidInput {

    public ActionOutOfRange(int action, int arms) {
        super("action must be an arm index within [0, " + (arms - 1) + "], was " + action);
    }
}
