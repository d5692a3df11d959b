package org.neuromod.live;

import java.util.List;
import java.util.Map;

/**
 * A session's trials as plot series, at most a given number of points each. Up to that many
 * trials, one point per trial; beyond, the trials are cut into buckets of {@code trialsPerBucket}
 * and each bucket gives two points, at its first trial the smallest value of each series in the
 * bucket and at its last trial the largest (min/max decimation), so spikes and envelopes survive.
 * The action of a bucket is its most frequent one, the reward its mean and the stimulation its
 * largest.
 *
 * @param trials the trials the series cover (the session's trials when read)
 * @param lastEventId the id of the stream event after which live events continue these series;
 *     null for a session without trials
 * @param series {@code trial} (x), {@code action}, {@code reward}, {@code actionProbability},
 *     {@code predictionError}, {@code logLikelihood}, {@code stimulation}, {@code learningRate},
 *     {@code temperature}, {@code expectedUncertainty}, {@code unexpectedUncertainty}, each a list
 *     with one entry per point, null where undefined
 * @param values the value of each arm, one list per arm, aligned with {@code series.trial}
 */
public record PlotData(
        int arms,
        int trials,
        String lastEventId,
        int trialsPerBucket,
        Map<String, List<Double>> series,
        List<List<Double>> values) {}
