package org.neuromod.harness;

import java.io.IOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The few calls of the HTTP contract (src/docs/api.md) the harnesses make, on one connection. */
public final class SessionApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private SessionApi() {}

    /** The agent type to drive: {@code preferred} when the service offers it, else the first offered. */
    public static String chooseAgent(HttpConnection connection, String preferred) throws IOException {
        JsonNode agents = json(expect(connection.get("/agents"), "GET /agents"));
        for (JsonNode agent : agents) {
            if (agent.path("name").asString().equals(preferred)) {
                return preferred;
            }
        }
        return agents.get(0).path("name").asString();
    }

    /** Creates a session and returns its id. */
    public static String createSession(HttpConnection connection, String agent, int arms, long seed)
            throws IOException {
        String body = "{\"agent\":\"" + agent + "\",\"arms\":" + arms + ",\"seed\":" + seed + "}";
        return json(expect(connection.post("/sessions", body), "POST /sessions"))
                .path("id")
                .asString();
    }

    public static JsonNode json(HttpConnection.Response response) {
        return JSON.readTree(response.body());
    }

    /** The response, if it is a success; otherwise an exception naming the call and the answer. */
    public static HttpConnection.Response expect(HttpConnection.Response response, String call) throws IOException {
        if (!response.successful()) {
            throw new IOException(call + " answered " + response.status() + ": " + response.body());
        }
        return response;
    }
}
