package org.neuromod.live;

import org.neuromod.session.Trial;

/** Renders a trial as the data of its event: the trial record of the session's trial log. */
@FunctionalInterface
public interface TrialRenderer {

    String render(Trial trial);
}
