package org.neuromod.harness;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection to the service on loopback, used by one thread.
 *
 * <p>A blocking socket with keep-alive and {@code TCP_NODELAY} rather than {@link
 * java.net.http.HttpClient}: on a two-core machine the client shares the processors with the
 * service, and a request written and read on the calling thread adds no selector or executor
 * hand-offs to the measured latency.
 */
public final class HttpConnection implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final byte[] CRLF = {'\r', '\n'};

    private final String host;
    private final int port;
    private final int readTimeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public HttpConnection(String host, int port, int readTimeoutMillis) {
        this.host = host;
        this.port = port;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** A status, the response's content type (may be empty) and its body as text. */
    public record Response(int status, String contentType, String body) {

        public boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    public Response get(String path) throws IOException {
        return exchange("GET", path, null, null);
    }

    public Response get(String path, String accept) throws IOException {
        return exchange("GET", path, null, accept);
    }

    public Response post(String path, String json) throws IOException {
        return exchange("POST", path, json, null);
    }

    public Response delete(String path) throws IOException {
        return exchange("DELETE", path, null, null);
    }

    /**
     * Sends one request and reads its response. On any I/O failure the connection is closed, so the
     * next call reconnects; whether the request was applied is then unknown to the caller.
     */
    public Response exchange(String method, String path, String json, String accept) throws IOException {
        var headers = new ArrayList<String>();
        headers.add("Accept: " + (accept == null ? "application/json, application/problem+json" : accept));
        if (json != null) {
            headers.add("Content-Type: application/json");
        }
        byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        if (body == null && !method.equals("GET") && !method.equals("DELETE")) {
            body = new byte[0];
        }
        return send(method, path, headers, body, false);
    }

    /**
     * Sends exactly the given request line, header lines and body, for tests that need requests no
     * well-behaved client would build.
     *
     * @param body the body, or null for none
     * @param chunked send the body with chunked transfer coding instead of a declared length
     */
    public Response send(String method, String target, List<String> headers, byte[] body, boolean chunked)
            throws IOException {
        try {
            ensureOpen();
            var head = new StringBuilder(160)
                    .append(method)
                    .append(' ')
                    .append(target)
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(host)
                    .append(':')
                    .append(port)
                    .append("\r\n");
            headers.forEach(header -> head.append(header).append("\r\n"));
            if (body != null) {
                head.append(chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length)
                        .append("\r\n");
            }
            head.append("\r\n");
            try {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (body != null && chunked) {
                    for (int from = 0; from < body.length; from += 4096) {
                        int length = Math.min(4096, body.length - from);
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, from, length);
                        out.write(CRLF);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException sending) {
                return answerBeforeTheEnd(sending, method.equals("HEAD"));
            }
            return readResponse(method.equals("HEAD"));
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    /**
     * The answer a server sent before it closed the connection in the middle of the request, as a
     * server may do when it refuses a request without reading all of it (a body over its limit, a
     * request line too long); if there is none, the failure to send.
     */
    private Response answerBeforeTheEnd(IOException sending, boolean headersOnly) throws IOException {
        try {
            Response early = readResponse(headersOnly);
            close();
            return early;
        } catch (IOException | RuntimeException none) {
            sending.addSuppressed(none);
            throw sending;
        }
    }

    private void ensureOpen() throws IOException {
        if (socket != null) {
            return;
        }
        var fresh = new Socket();
        fresh.setTcpNoDelay(true);
        fresh.setKeepAlive(true);
        fresh.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        fresh.setSoTimeout(readTimeoutMillis);
        socket = fresh;
        in = new BufferedInputStream(fresh.getInputStream(), 16 * 1024);
        out = fresh.getOutputStream();
    }

    private Response readResponse(boolean headersOnly) throws IOException {
        String statusLine = readLine();
        if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("no HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = statusLine.startsWith("HTTP/1.0");
        String contentType = "";
        String line;
        while ((line = readLine()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                case "content-type" -> contentType = value;
                default -> {}
            }
        }
        if (line == null) {
            throw new IOException("connection closed inside response headers");
        }
        byte[] body;
        if (headersOnly) {
            body = new byte[0];
        } else if (chunked) {
            body = readChunked();
        } else if (contentLength >= 0) {
            body = in.readNBytes((int) contentLength);
            if (body.length != contentLength) {
                throw new IOException("connection closed inside response body");
            }
        } else if (status == 204 || status == 304 || status < 200) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Response(status, contentType, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] readChunked() throws IOException {
        var body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) {
                throw new IOException("connection closed inside chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                String trailer;
                while ((trailer = readLine()) != null && !trailer.isEmpty()) {
                    // trailers carry nothing this client needs
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new IOException("connection closed inside chunk");
            }
            body.write(chunk);
            readLine();
        }
    }

    private String readLine() throws IOException {
        var line = new StringBuilder(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection has nothing left to report
            }
            socket = null;
            in = null;
            out = null;
        }
    }
}
