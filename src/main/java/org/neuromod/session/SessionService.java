package org.neuromod.session;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.neuromod.Limits;
import org.neuromod.core.agent.AgentCatalog;
import org.neuromod.core.agent.AgentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The use cases of sessions. Each command on a session runs under that session's lock: take the
 * session (with its open trial) from the {@link SessionCache} or load it, let the {@link Session}
 * decide, and store what changed, with its trials in one atomic write, if the session's version is
 * still the one loaded. A version conflict (another service instance wrote first) writes nothing
 * and retries from a fresh load. After each store (and each delete) a {@link SessionChanged} is
 * published in this process, for those who follow sessions live.
 */
@Service
public class SessionService {

    /** Attempts at a command before giving up on a session other instances keep changing. */
    private static final int ATTEMPTS = 8;

    /**
     * Chosen seeds stay below 2^53 so they survive a round trip through a double, as in MATLAB's
     * and JavaScript's JSON decoders.
     */
    private static final long SEED_BOUND = 1L << 53;

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final SessionRepository repository;
    private final TransactionTemplate transactions;
    private final SessionLocks locks;
    private final SessionCache cache;
    private final Clock clock;
    private final Limits limits;
    private final ApplicationEventPublisher events;
    /** A lock, not a monitor: a virtual thread blocked on a monitor pins its carrier on Java 21. */
    private final ReentrantLock creation = new ReentrantLock();

    SessionService(
            SessionRepository repository,
            PlatformTransactionManager transactionManager,
            SessionLocks locks,
            SessionCache cache,
            Clock clock,
            Limits limits,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.transactions = new TransactionTemplate(transactionManager);
        this.locks = locks;
        this.cache = cache;
        this.clock = clock;
        this.limits = limits;
        this.events = events;
    }

    /**
     * Creates a session.
     *
     * @throws InvalidInput if the agent is unknown or an oracle, or the arms or labels are invalid
     * @throws org.neuromod.core.agent.InvalidParameters if the parameters are unknown or out of range
     * @throws SessionLimitReached if the store is full
     */
    public SessionSummary create(NewSession request) {
        AgentType type = AgentCatalog.find(request.agent())
                .orElseThrow(() -> new UnknownAgent(
                        request.agent(),
                        AgentCatalog.all().stream().map(AgentType::name).toList()));
        if (request.arms() < 2 || request.arms() > limits.maxArms()) {
            throw new ArmsOutOfRange(request.arms(), limits.maxArms());
        }
        Labels labels = Labels.of(request.labels());
        long seed = request.seed() != null
                ? request.seed()
                : ThreadLocalRandom.current().nextLong(SEED_BOUND);
        Session session =
                Session.start(UUID.randomUUID(), type, request.arms(), request.parameters(), seed, labels, now());
        // One creation at a time in this process, so that the limit holds exactly here; instances
        // sharing a database may overshoot it by the creations they race.
        creation.lock();
        try {
            transactions.executeWithoutResult(status -> {
                if (repository.count() >= limits.maxSessions()) {
                    throw new SessionLimitReached(limits.maxSessions());
                }
                repository.insert(session);
            });
        } finally {
            creation.unlock();
        }
        return session.summary();
    }

    /**
     * The session's description.
     *
     * @throws SessionNotFound if there is no such session
     */
    public SessionSummary get(UUID id) {
        return repository.findSummary(id).orElseThrow(() -> new SessionNotFound(id.toString()));
    }

    /** Sessions carrying every given label, oldest first. */
    public Page<SessionSummary> list(Map<String, String> labels, long offset, int limit) {
        checkPage(offset, limit);
        return repository.list(labels, offset, limit);
    }

    /**
     * Deletes a session and all its trials.
     *
     * @throws SessionNotFound if there is no such session
     */
    public void delete(UUID id) {
        locks.withLock(id, () -> {
            cache.remove(id);
            return transactions.execute(status -> {
                if (!repository.delete(id)) {
                    throw new SessionNotFound(id.toString());
                }
                return null;
            });
        });
        events.publishEvent(new SessionChanged(id, List.of()));
    }

    /**
     * The trial to run now: the open one if there is one (a retry draws nothing), else a new
     * decision of the agent.
     *
     * @throws SessionNotFound if there is no such session
     * @throws InvalidStimulation if the stimulation is out of range
     */
    public Trial act(UUID id, double stimulation, Metadata metadata) {
        return apply(id, session -> {
            Session.Acted acted = session.act(stimulation, metadata, now());
            if (acted.drawn()) {
                List<Trial> added = List.of(acted.trial());
                stored(session, repository.storeAdded(session, added), added);
            }
            return acted.trial();
        });
    }

    /**
     * Applies a feedback exactly once and returns the closed trial; a repeat returns the stored one.
     *
     * @throws SessionNotFound if there is no such session
     * @throws TrialConflict if the trial is closed with a different payload
     * @throws UnexpectedTrial if the trial is neither open, next nor closed
     * @throws InvalidInput if the action names no arm or the feedback contradicts itself
     * @throws RewardOutOfRange if the reward is beyond {@code neuromod.limits.max-abs-reward}
     */
    public Trial feedback(UUID id, Feedback feedback) {
        if (feedback.reward() != null && !withinRewardBound(feedback.reward())) {
            throw new RewardOutOfRange(
                    List.of(RewardOutOfRange.problem("reward", feedback.reward(), limits.maxAbsReward())));
        }
        return apply(id, session -> {
            Session.Settled settled = session.feedback(feedback, number -> closedTrial(id, number), now());
            switch (settled.effect()) {
                case REPEATED -> {}
                case CLOSED ->
                    stored(session, repository.storeClosed(session, settled.trial()), List.of(settled.trial()));
                case RECORDED -> {
                    List<Trial> added = List.of(settled.trial());
                    stored(session, repository.storeAdded(session, added), added);
                }
            }
            return settled.trial();
        });
    }

    /**
     * Applies a batch of steps exactly once, in one transaction: the trials it made, or, when the
     * same batch was applied before, the stored ones.
     *
     * @throws SessionNotFound if there is no such session
     * @throws BatchTooLarge if the batch has more steps, or steps × arms, than the limits allow
     * @throws InvalidBatch if a step names an arm the session does not have, or a reward is beyond
     *     {@code neuromod.limits.max-abs-reward}
     * @throws BatchConflict if the batch can neither be applied at its first trial nor is the one
     *     stored there
     */
    public List<Trial> batch(UUID id, Batch batch) {
        int steps = batch.steps().size();
        if (steps > limits.maxBatchSteps()) {
            throw new BatchTooLarge("steps holds " + steps + " steps, at most " + limits.maxBatchSteps()
                    + " are allowed (neuromod.limits.max-batch-steps)");
        }
        checkRewards(batch);
        return apply(id, session -> {
            long cells = (long) steps * session.arms();
            if (cells > limits.maxBatchCells()) {
                throw new BatchTooLarge("the batch holds " + steps + " steps of " + session.arms() + " arms, "
                        + cells + " steps × arms; at most " + limits.maxBatchCells()
                        + " are allowed (neuromod.limits.max-batch-cells): send at most "
                        + limits.maxBatchCells() / session.arms() + " steps per batch to this session");
            }
            Session.Batched batched =
                    session.batch(batch, (first, last) -> repository.findTrials(id, first, last), now());
            if (batched.applied()) {
                stored(session, repository.storeAdded(session, batched.trials()), batched.trials());
            }
            return batched.trials();
        });
    }

    /**
     * A page of the session's trials.
     *
     * @throws SessionNotFound if there is no such session
     * @throws InvalidPage if the offset or limit is out of range
     */
    public Page<Trial> trials(UUID id, long offset, int limit) {
        checkPage(offset, limit);
        return transactions.execute(status -> {
            get(id);
            return repository.trials(id, offset, limit);
        });
    }

    /**
     * The session's trials numbered {@code first..last}, in order (those that exist), found by their
     * numbers rather than counted from the start, so reading the end of a long log stays cheap.
     *
     * @throws SessionNotFound if there is no such session
     */
    public List<Trial> trials(UUID id, int first, int last) {
        get(id);
        return repository.findTrials(id, first, last);
    }

    /**
     * Passes the session's trials to {@code sink} in order, reading them as it goes.
     *
     * @throws SessionNotFound before anything is passed
     */
    public void exportTrials(UUID id, long offset, long limit, Consumer<Trial> sink) {
        if (offset < 0 || limit < 0) {
            throw new InvalidPage(List.of("offset and limit must not be negative"));
        }
        get(id);
        repository.forEachTrial(id, offset, limit, sink);
    }

    private boolean withinRewardBound(double reward) {
        return Math.abs(reward) <= limits.maxAbsReward();
    }

    /** @throws InvalidBatch naming every step's reward beyond the bound */
    private void checkRewards(Batch batch) {
        var problems = new ArrayList<String>();
        for (int index = 0; index < batch.steps().size(); index++) {
            String step = "steps[" + index + "]: ";
            switch (batch.steps().get(index)) {
                case BatchStep.AgentChoice choice -> {
                    for (int arm = 0; arm < choice.arms(); arm++) {
                        if (!withinRewardBound(choice.reward(arm))) {
                            problems.add(step
                                    + RewardOutOfRange.problem(
                                            "rewards[" + arm + "]", choice.reward(arm), limits.maxAbsReward()));
                        }
                    }
                }
                case BatchStep.SubjectChoice choice -> {
                    if (!withinRewardBound(choice.reward())) {
                        problems.add(step + RewardOutOfRange.problem("reward", choice.reward(), limits.maxAbsReward()));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidBatch(problems);
        }
    }

    /** Checks a JSON page request against the page size limit. */
    private void checkPage(long offset, int limit) {
        var problems = new ArrayList<String>();
        if (offset < 0) {
            problems.add("offset must be 0 or more, was " + offset);
        }
        if (limit < 1 || limit > limits.maxPageSize()) {
            problems.add("limit must be within [1, " + limits.maxPageSize() + "], was " + limit);
        }
        if (!problems.isEmpty()) {
            throw new InvalidPage(problems);
        }
    }

    private Trial closedTrial(UUID id, int number) {
        return repository
                .findTrial(id, number)
                .orElseThrow(() -> new IllegalStateException("trial " + number + " of session " + id + " is missing"));
    }

    private <T> T apply(UUID id, Function<Session, T> command) {
        return locks.withLock(id, () -> {
            Session held = cache.take(id);
            if (held != null) {
                Optional<T> answer = onHeldCopy(held, command);
                if (answer.isPresent()) {
                    return answer.get();
                }
            }
            return onStoredSession(id, command);
        });
    }

    /**
     * Runs a command on the copy the cache held. Its answer counts only if the command stored
     * progress, as that proves the copy was current: another instance may have changed the session
     * since, and an answer read from a stale copy (an open trial, a conflict) would be wrong.
     */
    private <T> Optional<T> onHeldCopy(Session held, Function<Session, T> command) {
        long version = held.version();
        try {
            T answer = command.apply(held);
            if (held.version() != version) {
                cache.put(held);
                return Optional.of(answer);
            }
        } catch (RuntimeException unproven) {
            // a conflict, or an error decided on a copy that may be stale: the stored session decides
        }
        return Optional.empty();
    }

    /** Runs a command on the session as stored, again on a fresh load while other writers get there first. */
    private <T> T onStoredSession(UUID id, Function<Session, T> command) {
        for (int attempt = 1; ; attempt++) {
            Session session = repository.find(id).orElseThrow(() -> new SessionNotFound(id.toString()));
            try {
                T answer = command.apply(session);
                cache.put(session);
                return answer;
            } catch (StaleSession | DataIntegrityViolationException conflict) {
                // Another instance wrote the session first (a newer version, or the same trial:
                // duplicate key) or deleted it: the next attempt loads what it did.
                if (attempt == ATTEMPTS) {
                    log.warn("Gave up on session {} after {} conflicting attempts", id, attempt, conflict);
                    throw new SessionBusy(id, attempt);
                }
            }
        }
    }

    /**
     * Takes the result of storing the session's progress with these trials: on success it is at its
     * next version, and its followers hear of it.
     */
    private void stored(Session session, boolean stored, List<Trial> trials) {
        if (!stored) {
            throw new StaleSession();
        }
        session.stored();
        events.publishEvent(new SessionChanged(session.id(), trials));
    }

    /** Database timestamps keep microseconds; truncating here makes a stored answer equal the first one. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Another writer changed the session since it was loaded: roll back and retry. */
    private static final class StaleSession extends RuntimeException {
        StaleSession() {
            super(null, null, false, false);
        }
    }
}
