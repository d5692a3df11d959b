package org.neuromod.live;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.neuromod.session.SessionService;
import org.neuromod.session.Trial;

/** Reads the events after a position from the stored trials, the one source of what happened. */
final class TrialLog {

    /** The events of one read, and whether the read reached the end of the log. */
    record Read(List<TrialEvent> events, boolean complete) {}

    private final SessionService sessions;
    private final TrialRenderer renderer;
    private final int readSize;

    TrialLog(SessionService sessions, TrialRenderer renderer, int readSize) {
        this.sessions = sessions;
        this.renderer = renderer;
        this.readSize = readSize;
    }

    /**
     * Each trial at or after {@code after}'s trial in its current state, if that comes after
     * {@code after}: a trial seen open and closed since appears once, closed.
     *
     * @throws org.neuromod.session.SessionNotFound if the session is gone
     */
    Read after(UUID sessionId, EventPosition after) {
        int first = after.firstTrialAfter();
        List<Trial> trials = sessions.trials(sessionId, first, lastOfRead(first, readSize));
        var events = new ArrayList<TrialEvent>();
        for (Trial trial : trials) {
            EventPosition position = EventPosition.of(trial);
            if (after.isBefore(position)) {
                events.add(new TrialEvent(position, renderer.render(trial)));
            }
        }
        return new Read(events, trials.size() < readSize);
    }

    /** The last trial number of a read of {@code size} trials from {@code first}. */
    static int lastOfRead(int first, int size) {
        return (int) Math.min(Integer.MAX_VALUE, (long) first + size - 1);
    }
}
