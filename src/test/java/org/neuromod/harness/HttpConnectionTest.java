package org.neuromod.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpConnectionTest {

    private final ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private Thread serverThread;

    HttpConnectionTest() throws IOException {}

    /** Answers each request on one connection with the next canned response, then closes. */
    private void serve(List<String> responses) {
        serverThread = Thread.ofPlatform().start(() -> {
            try (Socket socket = server.accept()) {
                var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                var out = socket.getOutputStream();
                for (String response : responses) {
                    String requestLine = reader.readLine();
                    requestLines.add(requestLine);
                    int length = 0;
                    String header;
                    while (!(header = reader.readLine()).isEmpty()) {
                        if (header.toLowerCase().startsWith("content-length:")) {
                            length = Integer.parseInt(header.substring(15).trim());
                        }
                    }
                    reader.skip(length);
                    out.write(response.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException ignored) {
                // the test's assertions report what was missed
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        serverThread.join(5_000);
    }

    @Test
    void readsFixedLengthAndChunkedBodiesOnOneKeptAliveConnection() throws Exception {
        serve(List.of(
                "HTTP/1.1 201 \r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"id\":42}",
                "HTTP/1.1 200 \r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\n{\"tri\r\n6;ext=1\r\nal\":1}\r\n0\r\n\r\n",
                "HTTP/1.1 409 \r\nContent-Type: application/problem+json\r\nContent-Length: 2\r\n\r\n{}"));
        var responses = new ArrayList<HttpConnection.Response>();
        try (var connection = new HttpConnection("127.0.0.1", server.getLocalPort(), 5_000)) {
            responses.add(connection.post("/sessions", "{\"agent\":\"boltzmann\"}"));
            responses.add(connection.post("/sessions/42/act", "{}"));
            responses.add(connection.get("/sessions/42"));
        }

        assertThat(responses).extracting(HttpConnection.Response::status).containsExactly(201, 200, 409);
        assertThat(responses.get(1).body()).isEqualTo("{\"trial\":1}");
        assertThat(responses.get(2).contentType()).isEqualTo("application/problem+json");
        assertThat(responses.get(0).successful()).isTrue();
        assertThat(responses.get(2).successful()).isFalse();
        assertThat(requestLines)
                .containsExactly(
                        "POST /sessions HTTP/1.1", "POST /sessions/42/act HTTP/1.1", "GET /sessions/42 HTTP/1.1");
    }

    @Test
    void anAnswerSentBeforeTheWholeBodyWasReadIsTheResponse() throws Exception {
        serverThread = Thread.ofPlatform().start(() -> {
            try (Socket socket = server.accept()) {
                var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                requestLines.add(reader.readLine());
                socket.getOutputStream()
                        .write(("HTTP/1.1 413 \r\nContent-Type: application/problem+json\r\nConnection: close\r\n"
                                        + "Content-Length: 2\r\n\r\n{}")
                                .getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                // closed with most of the body unread, as a server refusing it does
                Thread.sleep(200);
            } catch (IOException | InterruptedException ignored) {
                // the client's assertions report what was missed
            }
        });
        byte[] body = new byte[64 * 1024 * 1024];
        try (var connection = new HttpConnection("127.0.0.1", server.getLocalPort(), 5_000)) {
            HttpConnection.Response response = connection.send(
                    "POST", "/sessions/1/batch", List.of("Content-Type: application/json"), body, false);

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).isEqualTo("{}");
        }
        assertThat(requestLines).containsExactly("POST /sessions/1/batch HTTP/1.1");
    }

    @Test
    void aConnectionClosedInsideTheBodyIsAnIoFailure() {
        serve(List.of("HTTP/1.1 200 \r\nContent-Length: 100\r\n\r\n{\"short\":"));
        try (var connection = new HttpConnection("127.0.0.1", server.getLocalPort(), 5_000)) {
            assertThatThrownBy(() -> connection.get("/agents"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("closed inside response body");
        }
    }
}
