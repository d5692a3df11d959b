package org.neuromod.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.neuromod.Api;
import tools.jackson.databind.JsonNode;

/**
 * A Server-Sent Events client for tests: reads a stream on a thread of its own and queues its
 * events and comments, until the stream ends or {@link #close()} drops the connection.
 */
final class SseClient implements AutoCloseable {

    /** One event, or a comment line (then {@code comment} is set and the rest is null). */
    record Event(String id, String name, String data, String comment) {

        int trial() {
            return Integer.parseInt(id.substring(0, id.indexOf(':')));
        }

        boolean closed() {
            return id.endsWith(":closed");
        }

        JsonNode json() {
            return Api.JSON.readTree(data);
        }
    }

    private static final Event END = new Event(null, null, null, null);

    private final BlockingQueue<Event> received = new LinkedBlockingQueue<>();
    private final HttpResponse<InputStream> response;
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = Thread.ofPlatform().daemon().start(this::read);
    }

    /** Opens {@code /sessions/{id}/events}, resuming after {@code lastEventId} if it is not null. */
    static SseClient open(int port, String sessionId, String lastEventId) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/sessions/" + sessionId + "/events"))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build()
                .send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        return new SseClient(response);
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next event (comments skipped), or null if none came within the timeout or the stream ended. */
    Event next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null || event == END) {
                if (event == END) {
                    received.add(END);
                }
                return null;
            }
            if (event.comment() == null) {
                return event;
            }
        }
    }

    /** The next comment line, events skipped, or null if none came within the timeout. */
    String nextComment(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null || event == END) {
                return null;
            }
            if (event.comment() != null) {
                return event.comment();
            }
        }
    }

    /** Events until the one with {@code id} (included); fails if it does not come within the timeout. */
    List<Event> until(String id, Duration timeout) throws InterruptedException {
        var events = new ArrayList<Event>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event == null) {
                throw new AssertionError("no event " + id + " within " + timeout + "; received " + ids(events));
            }
            events.add(event);
            if (event.id().equals(id)) {
                return events;
            }
        }
    }

    /** Whether the server ended the stream within the timeout. */
    boolean endsWithin(Duration timeout) throws InterruptedException {
        reader.join(timeout);
        return !reader.isAlive();
    }

    static List<String> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }

    private void read() {
        try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        received.add(new Event(id, name, data.toString(), null));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    received.add(new Event(null, null, null, line.substring(1).trim()));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data = (data == null ? new StringBuilder() : data.append('\n'))
                            .append(line.substring(5).stripLeading());
                }
            }
        } catch (IOException dropped) {
            // the connection was closed, by either side
        } finally {
            received.add(END);
        }
    }

    /** Drops the connection, as a client that goes away does. */
    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
