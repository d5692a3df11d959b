package org.neuromod.live;

/** A {@code Last-Event-ID} that names no event of a session stream. */
public final class InvalidEventId extends RuntimeException {

    public InvalidEventId(String id) {
        super("'" + (id.length() <= 64 ? id : id.substring(0, 64) + "...")
                + "' is not an event id of this stream: expected <trial>:open or <trial>:closed, as in 17:open");
    }
}
