package org.neuromod.session;

import java.util.ArrayList;
import java.util.List;

/**
 * A batch or its steps break the rules of a batch; each problem names the step it is about
 * ({@code steps[i]: ...}). At most {@value #MAX_LISTED} problems are listed.
 */
public final class InvalidBatch extends InvalidInput {

    /** Enough to correct a batch by; a table of ten thousand bad steps needs no ten thousand lines. */
    public static final int MAX_LISTED = 100;

    public InvalidBatch(List<String> problems) {
        super(listed(problems));
    }

    private static List<String> listed(List<String> problems) {
        if (problems.size() <= MAX_LISTED) {
            return problems;
        }
        var shown = new ArrayList<>(problems.subList(0, MAX_LISTED));
        shown.add("and " + (problems.size() - MAX_LISTED) + " more problems");
        return shown;
    }
}
