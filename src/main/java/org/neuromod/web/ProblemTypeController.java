package org.neuromod.web;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The documentation of every problem type, at the URL its {@code type} reference resolves to: a
 * page per type saying when it happens and what to do, and an index of them all. Pages for people,
 * so not part of the API document that clients are generated from.
 */
@RestController
@Hidden
class ProblemTypeController {

    @GetMapping(path = "/problems", produces = MediaType.TEXT_HTML_VALUE)
    String index() {
        String rows = Arrays.stream(ProblemType.values())
                .map(type -> "<tr><td><a href=\"" + type.uri() + "\"><code>" + type.slug() + "</code></a></td><td>"
                        + type.status().value() + "</td><td>" + escape(type.title()) + "</td></tr>")
                .collect(Collectors.joining("\n"));
        return page(
                "Problem types",
                "<p>Every error the service answers is an RFC 9457 problem (<code>application/problem+json</code>)"
                        + " whose <code>type</code> is one of these references, relative to the service's URL.</p>\n"
                        + "<table>\n<tr><th>type</th><th>status</th><th>title</th></tr>\n" + rows + "\n</table>");
    }

    @GetMapping(path = "/problems/{slug}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<?> type(@PathVariable String slug) {
        return ProblemType.ofSlug(slug)
                .<ResponseEntity<?>>map(type -> ResponseEntity.ok()
                        .contentType(MediaType.TEXT_HTML)
                        .body(page(
                                type.title(),
                                "<dl>\n<dt>type</dt><dd><code>" + type.uri() + "</code></dd>\n"
                                        + "<dt>status</dt><dd>" + type.status().value() + " "
                                        + escape(type.status().getReasonPhrase()) + "</dd>\n"
                                        + "<dt>When it happens</dt><dd>" + escape(type.occurs()) + "</dd>\n"
                                        + "<dt>What to do</dt><dd>" + escape(type.remedy()) + "</dd>\n</dl>\n"
                                        + "<p><a href=\"/problems\">All problem types</a></p>")))
                .orElseGet(() -> ResponseEntity.status(ProblemType.NOT_FOUND.status())
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(Problems.of(
                                ProblemType.NOT_FOUND,
                                "no problem type '" + abbreviate(slug) + "'; see /problems for them all")));
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + escape(title)
                + " - neuromod-agents</title></head>\n<body>\n<h1>" + escape(title) + "</h1>\n" + body
                + "\n</body>\n</html>\n";
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }

    private static String abbreviate(String slug) {
        return slug.length() <= 64 ? slug : slug.substring(0, 64) + "...";
    }
}
