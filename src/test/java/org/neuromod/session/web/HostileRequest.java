package org.neuromod.session.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One request as it goes on the wire, which no well-behaved client would send.
 *
 * @param method the request method, sent as is
 * @param target the request target (path and query), sent as is
 * @param headers header lines other than Host and the body's framing
 * @param body the body, or null for none
 * @param chunked whether the body is sent with chunked transfer coding instead of a length
 */
record HostileRequest(String method, String target, List<String> headers, byte[] body, boolean chunked) {

    static final String JSON = "Content-Type: application/json";

    static HostileRequest post(String target, String json) {
        return post(target, json, false);
    }

    /** A JSON body sent with its length declared, or chunked. */
    static HostileRequest post(String target, String json, boolean chunked) {
        return new HostileRequest("POST", target, List.of(JSON), json.getBytes(StandardCharsets.UTF_8), chunked);
    }

    static HostileRequest post(String target, byte[] body, List<String> headers) {
        return new HostileRequest("POST", target, headers, body, false);
    }

    static HostileRequest get(String target, List<String> headers) {
        return new HostileRequest("GET", target, headers, null, false);
    }

    /**
     * A short rendering for reports: long targets and bodies are cut, and bytes other than
     * printable ASCII are shown as {@code \xNN}, so that the report shows exactly what was sent.
     */
    @Override
    public String toString() {
        String shownTarget = target.length() > 160 ? target.substring(0, 160) + "...(" + target.length() + ")" : target;
        String shownBody = body == null
                ? ""
                : " " + printable(body, 240) + (body.length > 240 ? "...(" + body.length + " bytes)" : "");
        return method + " " + shownTarget + " " + headers + (chunked ? " chunked" : "") + shownBody;
    }

    private static String printable(byte[] bytes, int limit) {
        var shown = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, limit); i++) {
            int value = bytes[i] & 0xff;
            if (value >= 0x20 && value < 0x7f && value != '\\') {
                shown.append((char) value);
            } else {
                shown.append(String.format("\\x%02x", value));
            }
        }
        return shown.toString();
    }
}
