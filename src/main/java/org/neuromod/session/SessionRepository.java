package org.neuromod.session;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Where sessions and their trials are stored. A session's progress is stored only if the session
 * is still at the version it was loaded at (optimistic versioning, so several service instances can
 * share one database), each time with its trials in one atomic write.
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
     * Stores a session's progress and agent state together with the trials it added (open or
     * already closed), all or nothing, if the session is still at {@link Session#version()}.
     *
     * @return false if another writer changed or deleted the session first (nothing is written)
     * @throws org.springframework.dao.DuplicateKeyException if the session already has one of the
     *     trials (nothing is written)
     */
    boolean storeAdded(Session session, List<Trial> added);

    /**
     * Stores a session's progress and agent state together with the outcome of the trial it
     * closed, all or nothing, if the session is still at {@link Session#version()} with that trial
     * open.
     *
     * @return false if another writer changed or deleted the session first (nothing is written)
     */
    boolean storeClosed(Session session, Trial closed);

    Optional<Trial> findTrial(UUID sessionId, int trial);

    /** Trials {@code first..last} in order of their number (those that exist). */
    List<Trial> findTrials(UUID sessionId, int first, int last);

    /** Trials in order of their number. */
    Page<Trial> trials(UUID sessionId, long offset, int limit);

    /** Passes trials in order of their number to {@code sink}, reading them as it goes. */
    void forEachTrial(UUID sessionId, long offset, long limit, Consumer<Trial> sink);
}
