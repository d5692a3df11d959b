package org.neuromod.harness;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Command-line options of the form {@code --name=value}, each with a documented default. An option
 * the harness does not know is an error, so a typo never silently runs the default.
 */
public final class HarnessOptions {

    private final Map<String, String> values;

    private HarnessOptions(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses the arguments against the known options and their defaults.
     *
     * @throws IllegalArgumentException naming the unknown or malformed option and listing the known ones
     */
    public static HarnessOptions parse(String[] args, Map<String, String> defaults) {
        var values = new LinkedHashMap<>(defaults);
        for (String argument : args) {
            for (String word : argument.trim().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                int equals = word.indexOf('=');
                if (!word.startsWith("--") || equals < 0) {
                    throw new IllegalArgumentException("expected --name=value, got '" + word + "'; " + known(defaults));
                }
                String name = word.substring(2, equals);
                if (!defaults.containsKey(name)) {
                    throw new IllegalArgumentException("unknown option --" + name + "; " + known(defaults));
                }
                values.put(name, word.substring(equals + 1));
            }
        }
        return new HarnessOptions(values);
    }

    private static String known(Map<String, String> defaults) {
        return "known options (with defaults): "
                + new TreeSet<>(defaults.keySet())
                        .stream()
                                .map(name -> "--" + name + "=" + defaults.get(name))
                                .toList();
    }

    public String text(String name) {
        return values.get(name);
    }

    public int integer(String name) {
        return Integer.parseInt(values.get(name));
    }

    public double number(String name) {
        return Double.parseDouble(values.get(name));
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(values.get(name));
    }

    /** A comma-separated list of integers. */
    public List<Integer> integers(String name) {
        return Arrays.stream(values.get(name).split(","))
                .map(String::trim)
                .filter(part -> !part.isEmpty())
                .map(Integer::valueOf)
                .toList();
    }

    /** A comma-separated list of numbers. */
    public List<Double> numbers(String name) {
        return Arrays.stream(values.get(name).split(","))
                .map(String::trim)
                .filter(part -> !part.isEmpty())
                .map(Double::valueOf)
                .toList();
    }

    /** A comma-separated list of words, e.g. JVM options given as {@code --jvm=-Xmx256m,-XX:+UseSerialGC}. */
    public List<String> words(String name) {
        return Arrays.stream(values.get(name).split(","))
                .map(String::trim)
                .filter(part -> !part.isEmpty())
                .toList();
    }
}
