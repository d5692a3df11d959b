package org.neuromod.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which browser origins may call the API ({@code neuromod.cors.*}), for tasks that run in a web
 * page (jsPsych, lab.js) served from another origin than the service. Empty, the default, sends
 * no CORS headers at all, so browsers keep pages of other origins from reading any answer.
 *
 * @param allowedOrigins origins written as the browser sends them ({@code scheme://host[:port]},
 *     no path, no trailing slash), or {@code *} for any origin (a local demo, never a shared
 *     network)
 */
@ConfigurationProperties("neuromod.cors")
public record CorsSettings(List<String> allowedOrigins) {

    public CorsSettings {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowedOrigins.forEach(CorsSettings::requireOrigin);
    }

    /** Whether any origin is allowed, that is, whether CORS is on. */
    public boolean enabled() {
        return !allowedOrigins.isEmpty();
    }

    // A browser compares the Origin header as an exact string, so "https://tasks.org/" or a path
    // would silently never match: refuse them at startup instead.
    private static void requireOrigin(String origin) {
        if ("*".equals(origin)) {
            return;
        }
        try {
            URI uri = new URI(origin);
            boolean webScheme = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            boolean bare = uri.getRawPath() != null
                    && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
            if (webScheme && uri.getHost() != null && bare) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below with the expected form
        }
        throw new IllegalArgumentException("neuromod.cors.allowed-origins: '" + origin
                + "' is not an origin; write scheme://host[:port] without a path or trailing slash, or *");
    }
}
