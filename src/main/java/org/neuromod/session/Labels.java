package org.neuromod.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Names a session carries so that a lab can find it again ({@code subject: m17}, {@code rig:
 * box3}): at most {@value #MAX_LABELS} labels, names of 1 to 64 letters, digits, {@code _ . -},
 * values of 1 to {@value #MAX_VALUE_LENGTH} characters of {@linkplain StorableText storable text}.
 */
public record Labels(Map<String, String> values) {

    public static final int MAX_LABELS = 16;
    public static final int MAX_VALUE_LENGTH = 256;
    public static final Labels NONE = new Labels(Map.of());

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public Labels {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * Validates labels.
     *
     * @param given label values by name, or null for none
     * @throws InvalidLabels naming every problem
     */
    public static Labels of(Map<String, String> given) {
        if (given == null || given.isEmpty()) {
            return NONE;
        }
        var problems = new ArrayList<String>();
        if (given.size() > MAX_LABELS) {
            problems.add("a session has at most " + MAX_LABELS + " labels, got " + given.size());
        }
        given.forEach((name, value) -> {
            if (!NAME.matcher(name).matches()) {
                problems.add("label name '" + abbreviate(name)
                        + "' must have 1 to 64 characters, each a letter, digit, '_', '.' or '-'");
            }
            if (value == null || value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
                problems.add("label '" + abbreviate(name) + "' must have a value of 1 to " + MAX_VALUE_LENGTH
                        + " characters");
            } else {
                String unstorable = StorableText.problem(value);
                if (unstorable != null) {
                    problems.add("the value of label '" + abbreviate(name) + "' " + unstorable);
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidLabels(problems);
        }
        return new Labels(given);
    }

    /** Whether a label name is well formed, for filters that name labels. */
    public static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }

    private static String abbreviate(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "...";
    }
}
