package org.neuromod.session;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Where sessions and their trials are stored. Writes take part in the caller's transaction;
 * {@link #update} succeeds only if the session is still at the version it was loaded at
 * (optimistic versioning, so several service instances can share one database).
 */
public interface SessionRepository {

    void insert(Session session);

    /** The session with its open trial, for a command. */
    Optional<Session> find(UUID id);

    /** The session's description, for reading. */
    Optional<SessionSummary> findSummary(UUID id);

    /** Sessions carrying every given label, oldest first. */
    Page<SessionSummary> list(Map<String, String> labels, long offset, int limit);

    long count();

    /** @return false if no such session existed */
    boolean delete(UUID id);

    /**
     * Stores a session's progress and agent state, if it is still at {@link Session#version()}.
     *
     * @return false if another writer changed it first (nothing is written)
     */
    boolean update(Session session);

    /**
     * Stores a new trial, open or already closed.
     *
     * @throws org.springframework.dao.DuplicateKeyException if the session already has it
     */
    void insertTrial(UUID sessionId, Trial trial);

    /**
     * Stores new trials, in one round trip to the database where it can.
     *
     * @throws org.springframework.dao.DuplicateKeyException if the session already has one of them
     */
    void insertTrials(UUID sessionId, List<Trial> trials);

    /**
     * Stores the outcome of a trial that was open.
     *
     * @return false if the trial was not open any more (nothing is written)
     */
    boolean closeTrial(UUID sessionId, Trial trial);

    Optional<Trial> findTrial(UUID sessionId, int trial);

    /** Trials {@code first..last} in order of their number (those that exist). */
    List<Trial> findTrials(UUID sessionId, int first, int last);

    /** Trials in order of their number. */
    Page<Trial> trials(UUID sessionId, long offset, int limit);

    /** Passes trials in order of their number to {@code sink}, reading them as it goes. */
    void forEachTrial(UUID sessionId, long offset, long limit, Consumer<Trial> sink);
}
