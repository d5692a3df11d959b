package org.neuromod.live;

/**
 * One event of a session stream: a trial in the state its position names.
 *
 * @param data the trial record as the trial log renders it, rendered once for every viewer
 */
public record TrialEvent(EventPosition position, String data) {}
