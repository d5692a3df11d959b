package org.neuromod.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Clients following one session's event stream, as dashboards do: each on its own connection,
 * reading every event as it comes, until closed.
 */
final class DashboardViewers implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final List<AtomicReference<String>> lastIds = new ArrayList<>();

    /** Opens {@code count} streams of the session and waits until each has begun. */
    static DashboardViewers open(String host, int port, String sessionId, int count) throws IOException {
        var viewers = new DashboardViewers();
        for (int i = 0; i < count; i++) {
            viewers.follow(host, port, sessionId);
        }
        return viewers;
    }

    private void follow(String host, int port, String sessionId) throws IOException {
        var socket = new Socket(host, port);
        sockets.add(socket);
        socket.getOutputStream()
                .write(("GET /sessions/" + sessionId + "/events HTTP/1.1\r\nHost: " + host
                                + "\r\nAccept: text/event-stream\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        var lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String status = lines.readLine();
        if (status == null || !status.contains(" 200")) {
            refused.incrementAndGet();
            socket.close();
            return;
        }
        var lastId = new AtomicReference<String>();
        lastIds.add(lastId);
        readers.add(Thread.ofVirtual().start(() -> {
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("id:")) {
                        events.incrementAndGet();
                        lastId.set(line.substring(3).trim());
                    }
                }
            } catch (IOException closed) {
                // the harness closed the stream
            }
        }));
    }

    /** Events received by all viewers together. */
    long events() {
        return events.get();
    }

    /** Viewers whose last event so far has this id. */
    long reached(String id) {
        return lastIds.stream().filter(last -> id.equals(last.get())).count();
    }

    /** Streams the service refused (a status other than 200). */
    long refused() {
        return refused.get();
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        for (Thread reader : readers) {
            try {
                reader.join(5_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
