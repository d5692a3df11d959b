package org.neuromod.session.web;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Values drawn from a seeded {@link RandomGenerator}, with the few combinators the hostile-input
 * tests need. The same seed draws the same values, so a failing case can be sent again.
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
interface Generator<T> {

    /** Within a range, one draw in this many is one of its bounds, so limits are met often. */
    int BOUND_ONE_IN = 8;

    String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    String ALPHANUMERIC = ALPHA + "0123456789";

    T next(RandomGenerator random);

    default <R> Generator<R> map(Function<? super T, ? extends R> mapper) {
        return random -> mapper.apply(next(random));
    }

    /** Draws again until a value is accepted; for conditions most values meet. */
    default Generator<T> filter(Predicate<? super T> accepted) {
        return random -> {
            T value = next(random);
            while (!accepted.test(value)) {
                value = next(random);
            }
            return value;
        };
    }

    /** One of the values, each as likely. */
    @SafeVarargs
    static <T> Generator<T> of(T... values) {
        return of(List.of(values));
    }

    static <T> Generator<T> of(List<? extends T> values) {
        List<? extends T> choices = List.copyOf(values);
        return random -> choices.get(random.nextInt(choices.size()));
    }

    /** A value from one of the generators, each generator as likely. */
    @SafeVarargs
    static <T> Generator<T> oneOf(Generator<? extends T>... generators) {
        return oneOf(List.of(generators));
    }

    static <T> Generator<T> oneOf(List<? extends Generator<? extends T>> generators) {
        List<? extends Generator<? extends T>> choices = List.copyOf(generators);
        return random -> choices.get(random.nextInt(choices.size())).next(random);
    }

    /** An integer from {@code minimum} to {@code maximum} inclusive, its bounds more often than the rest. */
    static Generator<Integer> between(int minimum, int maximum) {
        return random -> switch (random.nextInt(BOUND_ONE_IN)) {
            case 0 -> minimum;
            case 1 -> maximum;
            default -> random.nextInt(minimum, maximum + 1);
        };
    }

    /** Strings of the alphabet's characters, of a length drawn by {@link #between}. */
    static Generator<String> strings(String alphabet, int minimumLength, int maximumLength) {
        return random -> {
            int length = between(minimumLength, maximumLength).next(random);
            var text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        };
    }

    /**
     * Strings of any UTF-16 code units: controls, NUL, noncharacters and unpaired surrogates
     * included.
     */
    static Generator<String> anyStrings(int minimumLength, int maximumLength) {
        return random -> {
            int length = between(minimumLength, maximumLength).next(random);
            var text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append((char) random.nextInt(Character.MAX_VALUE + 1));
            }
            return text.toString();
        };
    }

    /** Byte arrays of any bytes. */
    static Generator<byte[]> bytes(int minimumLength, int maximumLength) {
        return random -> {
            byte[] bytes = new byte[between(minimumLength, maximumLength).next(random)];
            random.nextBytes(bytes);
            return bytes;
        };
    }
}
