package org.neuromod.experiment.web;

/** A run id in a path that is not a UUID. */
final class MalformedExperimentId extends RuntimeException {

    MalformedExperimentId(String id) {
        super("'" + abbreviate(id) + "' is not an experiment id (a UUID such as 123e4567-e89b-12d3-a456-426614174000)");
    }

    private static String abbreviate(String id) {
        return id.length() <= 64 ? id : id.substring(0, 64) + "...";
    }
}
