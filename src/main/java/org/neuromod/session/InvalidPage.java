package org.neuromod.session;

import java.util.List;

/** A page request's offset or limit is out of range. */
public final class InvalidPage extends InvalidInput {

    public InvalidPage(List<String> problems) {
        super(problems);
    }
}
