package org.neuromod.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback HTTP server for the harness's tests: it serves one connection, as the test tells it. */
final class CannedHttpServer implements AutoCloseable {

    /** A request as received: its request line and its body (ASCII in these tests). */
    record Request(String line, String body) {}

    /** What to do with the one accepted connection. */
    @FunctionalInterface
    interface Handler {
        void handle(Socket socket) throws IOException, InterruptedException;
    }

    private final ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private Thread thread;

    CannedHttpServer() throws IOException {}

    int port() {
        return server.getLocalPort();
    }

    /** The requests {@link #serve} answered, in order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Answers each request on one connection with the next canned response, recording each request. */
    void serve(List<String> responses) {
        handle(socket -> {
            var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            var out = socket.getOutputStream();
            for (String response : responses) {
                String requestLine = reader.readLine();
                int length = 0;
                String header;
                while (!(header = reader.readLine()).isEmpty()) {
                    if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(header.substring(15).trim());
                    }
                }
                char[] body = new char[length];
                int read = 0;
                while (read < length) {
                    read += reader.read(body, read, length - read);
                }
                requests.add(new Request(requestLine, new String(body)));
                out.write(response.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        });
    }

    /** Hands the first connection to {@code handler} on a thread of its own. */
    void handle(Handler handler) {
        thread = Thread.ofPlatform().start(() -> {
            try (Socket socket = server.accept()) {
                handler.handle(socket);
            } catch (IOException | InterruptedException ignored) {
                // the test's assertions report what was missed
            }
        });
    }

    @Override
    public void close() throws Exception {
        server.close();
        if (thread != null) {
            thread.join(5_000);
        }
    }
}
