package org.neuromod.session;

/** A batch holds more steps, or more steps × arms, than the service takes in one request. */
public final class BatchTooLarge extends InvalidInput {

    public BatchTooLarge(String problem) {
        super(problem);
    }
}
