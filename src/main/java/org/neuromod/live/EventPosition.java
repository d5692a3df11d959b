package org.neuromod.live;

import java.util.regex.Pattern;
import org.neuromod.session.SessionSummary;
import org.neuromod.session.Trial;

/**
 * A place in a session's event stream: just after trial {@code trial} was seen {@code open} or
 * {@code closed}. Events are ordered by trial, and a trial's open event comes before its closed
 * one, so a position says exactly which events are still to come. As an event id it is written
 * {@code 17:open} or {@code 17:closed}.
 *
 * @param trial the trial number; 0 only for {@link #START}
 * @param closed whether the trial was seen closed
 */
public record EventPosition(int trial, boolean closed) implements Comparable<EventPosition> {

    /** Before the first trial: every event is still to come. */
    public static final EventPosition START = new EventPosition(0, true);

    private static final Pattern ID = Pattern.compile("([1-9][0-9]{0,9}):(open|closed)");

    /**
     * The position an event id names.
     *
     * @throws InvalidEventId if the text is not of the form {@code <trial>:open} or {@code
     *     <trial>:closed} with a trial number from 1
     */
    public static EventPosition parse(String id) {
        if (!ID.matcher(id).matches()) {
            throw new InvalidEventId(id);
        }
        int colon = id.indexOf(':');
        long trial = Long.parseLong(id.substring(0, colon));
        if (trial > Integer.MAX_VALUE) {
            throw new InvalidEventId(id);
        }
        return new EventPosition((int) trial, id.endsWith(":closed"));
    }

    /** The position of a trial's event in its current state. */
    public static EventPosition of(Trial trial) {
        return new EventPosition(trial.number(), !trial.isOpen());
    }

    /** The position after the last event of a session as summarised. */
    public static EventPosition endOf(SessionSummary session) {
        if (session.trials() == 0) {
            return START;
        }
        return new EventPosition(session.trials(), session.openTrial() == null);
    }

    /** The event id naming this position. */
    public String id() {
        return trial + (closed ? ":closed" : ":open");
    }

    /** The first trial whose current state may be an event after this position. */
    int firstTrialAfter() {
        return closed ? trial + 1 : trial;
    }

    boolean isBefore(EventPosition other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(EventPosition other) {
        int byTrial = Integer.compare(trial, other.trial);
        return byTrial != 0 ? byTrial : Boolean.compare(closed, other.closed);
    }
}
