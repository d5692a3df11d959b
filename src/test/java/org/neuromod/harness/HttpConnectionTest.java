package org.neuromod.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpConnectionTest {

    private final CannedHttpServer server = new CannedHttpServer();

    HttpConnectionTest() throws IOException {}

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void readsFixedLengthAndChunkedBodiesOnOneKeptAliveConnection() throws Exception {
        server.serve(List.of(
                "HTTP/1.1 201 \r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"id\":42}",
                "HTTP/1.1 200 \r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\n{\"tri\r\n6;ext=1\r\nal\":1}\r\n0\r\n\r\n",
                "HTTP/1.1 409 \r\nContent-Type: application/problem+json\r\nContent-Length: 2\r\n\r\n{}"));
        var responses = new ArrayList<HttpConnection.Response>();
        try (var connection = new HttpConnection("127.0.0.1", server.port(), 5_000)) {
            responses.add(connection.post("/sessions", "{\"agent\":\"boltzmann\"}"));
            responses.add(connection.post("/sessions/42/act", "{}"));
            responses.add(connection.get("/sessions/42"));
        }

        assertThat(responses).extracting(HttpConnection.Response::status).containsExactly(201, 200, 409);
        assertThat(responses.get(1).body()).isEqualTo("{\"trial\":1}");
        assertThat(responses.get(2).contentType()).isEqualTo("application/problem+json");
        assertThat(responses.get(0).successful()).isTrue();
        assertThat(responses.get(2).successful()).isFalse();
        assertThat(server.requests())
                .extracting(CannedHttpServer.Request::line)
                .containsExactly(
                        "POST /sessions HTTP/1.1", "POST /sessions/42/act HTTP/1.1", "GET /sessions/42 HTTP/1.1");
    }

    @Test
    void anAnswerSentBeforeTheWholeBodyWasReadIsTheResponse() throws Exception {
        var requestLines = new CopyOnWriteArrayList<String>();
        server.handle(socket -> {
            var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            requestLines.add(reader.readLine());
            socket.getOutputStream()
                    .write(("HTTP/1.1 413 \r\nContent-Type: application/problem+json\r\nConnection: close\r\n"
                                    + "Content-Length: 2\r\n\r\n{}")
                            .getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            // closed with most of the body unread, as a server refusing it does
            Thread.sleep(200);
        });
        byte[] body = new byte[64 * 1024 * 1024];
        try (var connection = new HttpConnection("127.0.0.1", server.port(), 5_000)) {
            HttpConnection.Response response = connection.send(
                    "POST", "/sessions/1/batch", List.of("Content-Type: application/json"), body, false);

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).isEqualTo("{}");
        }
        assertThat(requestLines).containsExactly("POST /sessions/1/batch HTTP/1.1");
    }

    @Test
    void aConnectionClosedInsideTheBodyIsAnIoFailure() {
        server.serve(List.of("HTTP/1.1 200 \r\nContent-Length: 100\r\n\r\n{\"short\":"));
        try (var connection = new HttpConnection("127.0.0.1", server.port(), 5_000)) {
            assertThatThrownBy(() -> connection.get("/agents"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("closed inside response body");
        }
    }
}
