package org.neuromod.session.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Generators of malformed and extreme requests. Every value they produce is invalid by
 * construction (a correct service must refuse it), so a success answer is as much a failure as a
 * 5xx: bodies are a valid template with one field replaced by a wrong value, or broken as a whole.
 */
final class HostileInputs {

    private HostileInputs() {}

    /** JSON values of a type no field of the contract takes in that place, blank strings included. */
    static Generator<String> wrongTypes() {
        return Generator.of(
                "true",
                "false",
                "[]",
                "{}",
                "[1,2]",
                "{\"nested\":{\"deeper\":[1]}}",
                "[\"a\"]",
                "\"\"",
                "\"\\u0000\"",
                "\"\\u0000\\u0000\\u0000\"",
                "\" \\t\\n\"");
    }

    /**
     * Numbers JSON does not have, or that no double can hold. (A literal that underflows, such as
     * {@code 1e-999}, is a finite number that rounds to 0, so it is not among them.)
     */
    static Generator<String> nonFiniteNumbers() {
        return Generator.of(
                "NaN",
                "-NaN",
                "Infinity",
                "-Infinity",
                "+Infinity",
                "1e999",
                "-1e999",
                "1e400",
                "\"NaN\"",
                "\"Infinity\"",
                "0x1F",
                "+1",
                ".5",
                "1.",
                "01",
                "1e",
                "--1",
                "1_000");
    }

    /** Integers beyond every range of the contract, including ones longer than a JSON parser allows. */
    static Generator<String> hugeIntegers() {
        return Generator.oneOf(
                Generator.of(
                        "2147483648",
                        "-2147483649",
                        "9223372036854775808",
                        "-9223372036854775809",
                        "1e20",
                        "99999999999999999999999999999999"),
                Generator.strings("123456789", 1001, 5000));
    }

    /** JSON strings from a few hundred to tens of thousands of characters, any code points. */
    static Generator<String> longStrings() {
        return Generator.anyStrings(300, 20_000).map(HostileInputs::quote);
    }

    /** Arrays or objects nested deeper than any parser should follow, within the body size limit. */
    static Generator<String> deepNesting() {
        return Generator.oneOf(
                Generator.between(1_001, 25_000).map(depth -> "[".repeat(depth) + "]".repeat(depth)),
                Generator.between(1_001, 8_000).map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)),
                Generator.between(1_001, 25_000).map(depth -> "[".repeat(depth)));
    }

    /** Bytes that are not JSON at all (invalid UTF-8 included); the first byte can start no JSON text. */
    static Generator<byte[]> garbageBytes() {
        Generator<Byte> first = Generator.of((byte) 0x00, (byte) 0xff, (byte) '#', (byte) '<', (byte) 0xc3, (byte) '}');
        Generator<byte[]> rest = Generator.bytes(0, 2_000);
        return random -> {
            byte start = first.next(random);
            byte[] tail = rest.next(random);
            byte[] body = new byte[tail.length + 1];
            body[0] = start;
            System.arraycopy(tail, 0, body, 1, tail.length);
            return body;
        };
    }

    /**
     * Whole bodies broken as JSON text, derived from a valid one: cut short, with trailing tokens,
     * comments, single quotes, a trailing comma, or replaced by a deep nesting.
     */
    static Generator<String> brokenJson(String valid) {
        return Generator.oneOf(
                Generator.between(1, valid.length() - 1).map(cut -> valid.substring(0, cut)),
                Generator.of(
                        valid + " {}",
                        valid + "x",
                        valid + ",",
                        valid + "]",
                        "/* comment */" + valid,
                        valid.replace('"', '\''),
                        valid.replace("\"", ""),
                        valid.substring(0, valid.length() - 1) + ",}",
                        "\uFEFF\uFEFF" + valid),
                deepNesting());
    }

    /** Top-level JSON values that are not the object every body must be. */
    static Generator<String> notAnObject() {
        return Generator.oneOf(
                Generator.of("[]", "[{}]", "\"text\"", "1", "-1.5", "true", "false"),
                nonFiniteNumbers(),
                longStrings());
    }

    /**
     * Bodies made from a valid template (its fields in order) with one field's value replaced by
     * one of its invalid values, or the field removed if it is required, or an unknown field added
     * (unknown: neither in the template nor among the fields with invalid values, which include the
     * optional ones).
     */
    static Generator<String> mutatedFields(
            Map<String, String> template, Map<String, Generator<String>> invalid, List<String> required) {
        var mutations = new ArrayList<Generator<String>>();
        invalid.forEach((field, values) -> mutations.add(values.map(value -> render(template, field, value))));
        required.forEach(field -> mutations.add(Generator.of(render(template, field, null))));
        mutations.add(Generator.strings(Generator.ALPHA, 1, 30)
                .filter(name -> !template.containsKey(name) && !invalid.containsKey(name))
                .map(name -> render(template, name, "1")));
        return Generator.oneOf(mutations);
    }

    /** The template as a JSON object, with {@code field} set to {@code value} (removed if null). */
    static String render(Map<String, String> template, String field, String value) {
        var fields = new java.util.LinkedHashMap<>(template);
        if (value == null) {
            fields.remove(field);
        } else {
            fields.put(field, value);
        }
        return fields.entrySet().stream()
                .map(entry -> quote(entry.getKey()) + ":" + entry.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    /**
     * JSON strings, written with escapes, holding text a supported database cannot store: a NUL
     * (PostgreSQL refuses it) or an unpaired surrogate (UTF-8 cannot encode it), alone, at either
     * end or inside ordinary text; all short enough for any text field.
     */
    static Generator<String> unstorableText() {
        Generator<String> unstorable = Generator.of("\\u0000", "\\ud800", "\\udbff", "\\udc00", "\\udfff");
        Generator<String> around = Generator.strings(Generator.ALPHANUMERIC, 0, 20);
        return Generator.oneOf(
                Generator.of(
                        "\"\\u0000\"",
                        "\"m\\u000017\"",
                        "\"\\ud800\"",
                        "\"x\\udc00\"",
                        "\"\\udfff\\ud800\"",
                        "\"ok \\ud83d\"",
                        "\"\\ude00 pair reversed \\ud83d\"",
                        "\"\\ud83d\\ud83d\\ude00\""),
                random -> "\"" + around.next(random) + unstorable.next(random) + around.next(random) + "\"");
    }

    /**
     * Finite rewards beyond the default {@code neuromod.limits.max-abs-reward} (1e6), up to the
     * largest double: accepted, they made a neuromodulated session's signals non-finite.
     */
    static Generator<String> extremeRewards() {
        return Generator.of(
                "1000000.0000001",
                "-1000000.0000001",
                "1000001",
                "-1e7",
                "1e9",
                "1e100",
                "1e308",
                "-1e308",
                "1.7976931348623157e308",
                "-1.7976931348623157E308");
    }

    /** Metadata a rig may not send: not a flat object, too many or too long entries, non-finite values. */
    static Generator<String> invalidMetadata() {
        return Generator.oneOf(
                unstorableText().map(text -> "{\"a\":" + text + "}"),
                unstorableText().map(text -> "{" + text + ":1}"),
                Generator.of("[]", "\"text\"", "1", "true", "[{\"a\":1}]"),
                Generator.of(
                        "{\"a\":{}}",
                        "{\"a\":[1]}",
                        "{\"a\":null}",
                        "{\"\":1}",
                        "{\"a\":NaN}",
                        "{\"a\":1e999}",
                        "{\"a\":{\"b\":{\"c\":1}}}"),
                Generator.between(65, 500).map(length -> "{" + quote("n".repeat(length)) + ":1}"),
                Generator.between(257, 5_000).map(length -> "{\"a\":" + quote("v".repeat(length)) + "}"),
                Generator.between(33, 400)
                        .map(entries -> IntStream.range(0, entries)
                                .mapToObj(i -> "\"k" + i + "\":" + i)
                                .collect(Collectors.joining(",", "{", "}"))),
                deepNesting().map(nested -> "{\"a\":" + nested + "}"));
    }

    /**
     * Session ids that name no session, as path segments: random UUIDs, short and long texts with
     * any characters percent-encoded, dot segments, encoded slashes and NULs.
     */
    static Generator<String> unknownIds() {
        return Generator.oneOf(
                randomUuids().map(UUID::toString),
                randomUuids().map(uuid -> uuid.toString().toUpperCase()),
                randomUuids().map(uuid -> uuid.toString().replace("-", "")),
                Generator.anyStrings(1, 100).map(HostileInputs::encode),
                Generator.strings(Generator.ALPHANUMERIC, 1, 7_000),
                Generator.strings(Generator.ALPHA, 9_000, 20_000),
                Generator.of(
                        "%00",
                        "%2F",
                        "%2e%2e",
                        "%25",
                        "%",
                        "%zz",
                        "%C0%AF",
                        "null",
                        "undefined",
                        "0",
                        "-1",
                        "00000000-0000-0000-0000-000000000000",
                        "ffffffff-ffff-ffff-ffff-ffffffffffff",
                        "%7B%7D",
                        "*",
                        ";",
                        "a;b=c"));
    }

    /** Version 4 (random) UUIDs, drawn from the seeded generator so that a run can be repeated. */
    static Generator<UUID> randomUuids() {
        return random ->
                new UUID(random.nextLong() & ~0xf000L | 0x4000L, random.nextLong() & ~(0xcL << 60) | (0x8L << 60));
    }

    /** A text as a JSON string literal, escaping what JSON requires. */
    static String quote(String text) {
        var quoted = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(codePoint -> {
            switch (codePoint) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (codePoint < 0x20) {
                        quoted.append(String.format("\\u%04x", codePoint));
                    } else {
                        quoted.appendCodePoint(codePoint);
                    }
                }
            }
        });
        return quoted.append('"').toString();
    }

    /** Percent-encodes every character but unreserved ones, so any text can travel in a path. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
