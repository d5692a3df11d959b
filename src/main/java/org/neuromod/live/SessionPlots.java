package org.neuromod.live;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.neuromod.session.SessionChanged;
import org.neuromod.session.SessionService;
import org.neuromod.session.SessionSummary;
import org.neuromod.session.Trial;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Plot series of a session's trials, decimated to a bounded number of points (see {@link PlotData}).
 * A {@link PlotSummary} per recently plotted or running session is kept in memory and grows as
 * trials are stored, so a plot of a long session reads only the trials stored since (often just the
 * open one) instead of all of them; a session not summarised yet is read once in full.
 */
@Service
public class SessionPlots {

    /** Sessions with more arms are summarised for each request only: their summaries would be large. */
    static final int MAX_SUMMARISED_ARMS = 64;

    /** Trials per read of a session not summarised yet. */
    private static final int READ_SIZE = 5000;

    /** Points of all series together, so that a plot of many arms stays small. */
    private static final int MAX_CELLS = 400_000;

    private final SessionService sessions;
    private final LiveSettings settings;
    private final Cache<UUID, PlotSummary> summaries;

    SessionPlots(SessionService sessions, LiveSettings settings) {
        this.sessions = sessions;
        this.settings = settings;
        this.summaries = Caffeine.newBuilder()
                .maximumWeight(settings.plotCacheBytes())
                .<UUID, PlotSummary>weigher((id, summary) -> PlotSummary.weight(summary.arms()))
                .build();
    }

    /**
     * The session's trials as series of at most about {@code points} points (bounded by the
     * settings).
     *
     * @throws org.neuromod.session.SessionNotFound if there is no such session
     */
    public PlotData plot(UUID sessionId, int points) {
        SessionSummary session = sessions.get(sessionId);
        int arms = session.arms();
        int budget = Math.max(
                2,
                Math.min(
                        Math.min(points, settings.maxPlotPoints()),
                        MAX_CELLS / (PlotSummary.SERIES.size() + arms + 4)));
        PlotSummary summary = arms <= MAX_SUMMARISED_ARMS
                ? summaries.get(sessionId, id -> new PlotSummary(arms))
                : new PlotSummary(arms);
        summary.lock.lock();
        try {
            List<Trial> later = new ArrayList<>();
            List<Trial> read;
            do {
                int first = summary.closedThrough() + later.size() + 1;
                read = sessions.trials(sessionId, first, TrialLog.lastOfRead(first, READ_SIZE));
                for (Trial trial : read) {
                    if (!later.isEmpty() || !summary.add(trial)) {
                        later.add(trial);
                    }
                }
            } while (read.size() == READ_SIZE);
            return summary.plot(budget, later);
        } finally {
            summary.lock.unlock();
        }
    }

    /**
     * Folds the trials a command stored into the session's summary, without waiting: on the
     * command's thread, it never blocks behind a plot request reading the session.
     */
    @EventListener
    void sessionChanged(SessionChanged change) {
        List<Trial> trials = change.trials();
        if (trials.isEmpty()) {
            summaries.invalidate(change.sessionId());
            return;
        }
        PlotSummary summary = summaries.getIfPresent(change.sessionId());
        if (summary == null) {
            int arms = trials.getFirst().probabilities().length;
            if (trials.getFirst().number() != 1 || arms > MAX_SUMMARISED_ARMS) {
                return;
            }
            summary = summaries.get(change.sessionId(), id -> new PlotSummary(arms));
        }
        if (summary.lock.tryLock()) {
            try {
                trials.forEach(summary::add);
            } finally {
                summary.lock.unlock();
            }
        }
    }
}
