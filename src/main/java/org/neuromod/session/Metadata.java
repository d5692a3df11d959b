package org.neuromod.session;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a rig attaches to an act or a feedback (its own timestamps, ids, flags): a flat object of
 * at most {@value #MAX_ENTRIES} entries whose names have at most {@value #MAX_NAME_LENGTH}
 * characters and whose values are strings of at most {@value #MAX_STRING_LENGTH} characters,
 * finite numbers or booleans; names and strings must be {@linkplain StorableText storable text}. Whole numbers are kept as {@link Long}, others as {@link Double}, so
 * ids and counters come back exactly as sent.
 */
public record Metadata(Map<String, Object> values) {

    public static final int MAX_ENTRIES = 32;
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_STRING_LENGTH = 256;

    public static final Metadata EMPTY = new Metadata(Map.of());

    public Metadata {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Validates and normalises client metadata.
     *
     * @param given the decoded JSON object, or null for none
     * @throws InvalidMetadata naming every problem
     */
    public static Metadata of(Map<String, ?> given) {
        if (given == null || given.isEmpty()) {
            return EMPTY;
        }
        var problems = new ArrayList<String>();
        if (given.size() > MAX_ENTRIES) {
            problems.add("metadata has " + given.size() + " entries, at most " + MAX_ENTRIES + " are allowed");
        }
        var values = new LinkedHashMap<String, Object>();
        given.forEach((name, value) -> {
            if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
                problems.add("metadata names must have 1 to " + MAX_NAME_LENGTH + " characters");
                return;
            }
            String unstorableName = StorableText.problem(name);
            if (unstorableName != null) {
                problems.add("metadata name '" + name + "' " + unstorableName);
                return;
            }
            Object normalised = normalise(value);
            if (normalised == null) {
                problems.add("metadata '" + name + "' must be a string of at most " + MAX_STRING_LENGTH
                        + " characters, a finite number or a boolean (metadata is a flat object)");
            } else if (normalised instanceof String text && StorableText.problem(text) != null) {
                problems.add("metadata '" + name + "' " + StorableText.problem(text));
            } else {
                values.put(name, normalised);
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidMetadata(problems);
        }
        return new Metadata(values);
    }

    /**
     * Metadata as it was stored, with numbers normalised as {@link #of} does but not validated
     * again: what was accepted once is given back even if a later rule would refuse it.
     */
    public static Metadata restore(Map<String, ?> stored) {
        var values = new LinkedHashMap<String, Object>();
        stored.forEach((name, value) -> values.put(name, Objects.requireNonNullElse(normalise(value), value)));
        return new Metadata(values);
    }

    private static Object normalise(Object value) {
        return switch (value) {
            case String s when s.length() <= MAX_STRING_LENGTH -> s;
            case Boolean b -> b;
            case Integer i -> i.longValue();
            case Long l -> l;
            case Short s -> s.longValue();
            case BigInteger big when big.bitLength() < Long.SIZE -> big.longValue();
            case Double d when Double.isFinite(d) -> d;
            case Float f when Float.isFinite(f) -> f.doubleValue();
            case BigDecimal decimal when Double.isFinite(decimal.doubleValue()) -> decimal.doubleValue();
            case null, default -> null;
        };
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
