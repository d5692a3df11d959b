package org.neuromod.session;

import java.util.List;

/** Client metadata is not a small flat object of strings, finite numbers and booleans. */
public final class InvalidMetadata extends InvalidInput {

    public InvalidMetadata(List<String> problems) {
        super(problems);
    }
}
