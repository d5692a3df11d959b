package org.neuromod.session;

/**
 * The rule for every client text the service stores: text both supported databases can store and
 * give back unchanged. PostgreSQL refuses a NUL character (U+0000) in any text value (an error, so
 * it was a 500), and its UTF-8 encoding has no place for an unpaired UTF-16 surrogate (a JSON
 * escape such as {@code "\ud800"} decodes to one): the JDBC driver and the JSON encoder of the
 * stored documents silently replace it by {@code ?}, on H2 as well. Both are refused, so what a
 * client reads back is what it sent.
 */
public final class StorableText {

    private StorableText() {}

    /**
     * What makes a text unstorable, or null if it can be stored.
     *
     * @return a phrase such as "holds a NUL character (U+0000) at index 3, which PostgreSQL cannot
     *     store"
     */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "holds a NUL character (U+0000) at index " + i + ", which PostgreSQL cannot store";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "holds an unpaired surrogate U+%04X at index %d, which is not Unicode text (UTF-8 cannot encode it)"
                        .formatted((int) c, i);
            }
        }
        return null;
    }
}
