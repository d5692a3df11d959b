package org.neuromod.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.neuromod.Limits;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Refuses request bodies over their limit with a 413 problem: by their declared length when they
 * have one, and by reading at most the limit when they are sent chunked (no declared length), so no
 * body of any size is ever read whole into memory. The limit is {@code
 * neuromod.limits.max-body-bytes}, except for the endpoints listed here with a larger one: {@code
 * POST /sessions/{id}/batch} and {@code POST /fits} (whose subjects' trials may be inline) take {@code
 * neuromod.limits.max-batch-body-bytes}. Paths are matched
 * as the handler mappings match them (Spring's path patterns on the request's path within the
 * application), so a request gets the larger limit only if it reaches that endpoint.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimitFilter extends OncePerRequestFilter {

    /** A body limit of its own for one method and path pattern. */
    private record Endpoint(String method, PathPattern path, BodyLimit limit) {}

    /** A limit in bytes and the name of its setting under {@code neuromod.limits}. */
    private record BodyLimit(int bytes, String setting) {}

    private final BodyLimit defaultLimit;
    private final List<Endpoint> endpoints;
    private final HandlerExceptionResolver problems;

    BodySizeLimitFilter(Limits limits, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.defaultLimit = new BodyLimit(limits.maxBodyBytes(), "max-body-bytes");
        var batchLimit = new BodyLimit(limits.maxBatchBodyBytes(), "max-batch-body-bytes");
        this.endpoints = List.of(
                new Endpoint("POST", PathPatternParser.defaultInstance.parse("/sessions/{id}/batch"), batchLimit),
                new Endpoint("POST", PathPatternParser.defaultInstance.parse("/fits"), batchLimit));
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BodyLimit limit = limitOf(request);
        long declared = request.getContentLengthLong();
        if (declared > limit.bytes()) {
            refuse(request, response, limit);
            return;
        }
        if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
            byte[] body = readAtMost(request.getInputStream(), limit.bytes());
            if (body == null) {
                refuse(request, response, limit);
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private BodyLimit limitOf(HttpServletRequest request) {
        PathContainer path = null;
        for (Endpoint endpoint : endpoints) {
            if (endpoint.method().equals(request.getMethod())) {
                if (path == null) {
                    path = pathWithinApplication(request);
                }
                if (path != null && endpoint.path().matches(path)) {
                    return endpoint.limit();
                }
            }
        }
        return defaultLimit;
    }

    /** The request's path as the handler mappings see it, or null if it cannot be decoded (no handler takes it). */
    private static PathContainer pathWithinApplication(HttpServletRequest request) {
        try {
            return RequestPath.parse(request.getRequestURI(), request.getContextPath())
                    .pathWithinApplication();
        } catch (IllegalArgumentException undecodable) {
            return null;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, BodyLimit limit) {
        // The rest of the body is not worth reading: close the connection after the answer.
        response.setHeader("Connection", "close");
        problems.resolveException(request, response, null, new RequestBodyTooLarge(limit.bytes(), limit.setting()));
    }

    /** The body, or null if it is longer than {@code limit}. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        var body = new ByteArrayOutputStream(Math.min(limit, 8192));
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int read; (read = in.read(buffer)) >= 0; ) {
            total += read;
            if (total > limit) {
                return null;
            }
            body.write(buffer, 0, read);
        }
        return body.toByteArray();
    }

    /** A request whose body has been read already. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body has been read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), charset(getCharacterEncoding())));
        }

        private static Charset charset(String encoding) {
            try {
                return encoding != null ? Charset.forName(encoding) : StandardCharsets.UTF_8;
            } catch (IllegalArgumentException unknown) {
                return StandardCharsets.UTF_8;
            }
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
