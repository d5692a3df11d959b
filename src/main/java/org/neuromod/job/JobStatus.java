package org.neuromod.job;

import java.util.Locale;

/** Where a job is in its life; the JSON and stored names are the lower-case constant names. */
public enum JobStatus {
    QUEUED,
    RUNNING,
    DONE,
    FAILED,
    CANCELLED;

    /** The name in JSON and in the database. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus ofJsonName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Whether the job will not change any more. */
    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
