package org.neuromod.session;

import java.util.List;
import java.util.UUID;

/**
 * Published in this process, on the thread of the command, after the command stored new trials of
 * a session or the outcome of its open trial, or after the session was deleted. Listeners learn
 * that they may read something new; the database stays the one record of what happened.
 *
 * @param trials the trials just stored, in their state as stored (an open trial may close later):
 *     listeners that keep something derived from them take it at once; empty for a deletion
 */
public record SessionChanged(UUID sessionId, List<Trial> trials) {

    public SessionChanged {
        trials = List.copyOf(trials);
    }
}
