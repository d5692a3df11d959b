package org.neuromod.session;

/** A feedback is self-contradictory, such as a no-response trial that names an action. */
public final class InvalidFeedback extends InvalidInput {

    public InvalidFeedback(String problem) {
        super(problem);
    }
}
