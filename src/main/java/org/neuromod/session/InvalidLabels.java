package org.neuromod.session;

import java.util.List;

/** Session labels break the rules for label names and values. */
public final class InvalidLabels extends InvalidInput {

    public InvalidLabels(List<String> problems) {
        super(problems);
    }
}
