package org.neuromod.experiment.web;

/** No experiment run (or no file of one) has this id; a text that is not a UUID names none either. */
final class ExperimentNotFound extends RuntimeException {

    private final String experimentId;

    ExperimentNotFound(String experimentId, String message) {
        super(message);
        this.experimentId = experimentId;
    }

    String experimentId() {
        return experimentId;
    }
}
