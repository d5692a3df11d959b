package org.neuromod;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document a service serves at {@code /v3/api-docs}, as a judge of that service's
 * responses: {@link #check} finds the documented operation of a request and fails when the response
 * has a status the operation does not declare, a media type the status does not declare, or a body
 * that does not match the declared schema (JSON Schema 2020-12 in the OpenAPI 3.1 dialect, formats
 * such as {@code uuid} and {@code date-time} asserted).
 *
 * <p>Schemas are checked by networknt json-schema-validator, which implements the OpenAPI 3.1
 * dialect ({@code type: 'null'}, {@code anyOf}, {@code $ref} with siblings); the document itself is
 * the schema resource, so {@code #/components/schemas/...} references resolve as they do for any
 * other tool reading it.
 */
public final class ApiDocument {

    private static final String LOCATION = "urn:neuromod:api-docs";
    private static final String PROBLEM = "#/components/schemas/ProblemDetail";
    private static final Map<Integer, ApiDocument> SERVED = new ConcurrentHashMap<>();

    /** Paths the service serves beside the API: pages and tooling, not described by the document. */
    private static final List<String> OUTSIDE_THE_API =
            List.of("/problems", "/actuator", "/v3/api-docs", "/swagger-ui", "/error");

    private final List<PathTemplate> paths = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final SchemaRegistry registry;
    private final ObjectNode document;

    private record PathTemplate(String template, Pattern pattern, JsonNode item) {}

    /** The document the service on this loopback port serves, read once. */
    static ApiDocument servedAt(int port, Api api) {
        return SERVED.computeIfAbsent(port, unused -> {
            Api.Reply reply = api.unvalidatedGet("/v3/api-docs");
            if (reply.status() != 200) {
                throw new IllegalStateException("GET /v3/api-docs answered " + reply.status() + ": " + reply.body());
            }
            return new ApiDocument(reply.json());
        });
    }

    /** A judge of responses by the given document, an OpenAPI 3.1 document as JSON. */
    public ApiDocument(JsonNode openApi) {
        this.document = (ObjectNode) openApi.deepCopy();
        ArrayNode responseSchemas = document.putArray("x-response-schemas");
        document.path("paths").properties().forEach(path -> {
            String regex = Pattern.quote(path.getKey()).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            paths.add(new PathTemplate(path.getKey(), Pattern.compile(regex), path.getValue()));
            path.getValue()
                    .properties()
                    .forEach(operation -> operation
                            .getValue()
                            .path("responses")
                            .properties()
                            .forEach(response -> response.getValue()
                                    .path("content")
                                    .properties()
                                    .forEach(media -> {
                                        if (media.getValue().has("schema")) {
                                            // Each response schema gets an address inside the same document,
                                            // so its references resolve against the document's components.
                                            ((ObjectNode) media.getValue())
                                                    .put("x-schema-index", responseSchemas.size());
                                            responseSchemas.add(media.getValue().path("schema"));
                                        }
                                    })));
        });
        // Literal paths before templated ones: /sessions/{id} must not swallow a literal sibling.
        paths.sort((a, b) -> Long.compare(braces(a.template()), braces(b.template())));
        String text = document.toString();
        this.registry = SchemaRegistry.withDefaultDialect(
                Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(LOCATION, text))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build()));
    }

    private static long braces(String template) {
        return template.chars().filter(c -> c == '{').count();
    }

    /**
     * Checks one exchange.
     *
     * @throws AssertionError naming the request and every mismatch, if the response breaks the document
     */
    public void check(String method, String pathAndQuery, int status, String contentType, String body) {
        List<String> mismatches = mismatches(method.toLowerCase(Locale.ROOT), pathAndQuery, status, contentType, body);
        if (!mismatches.isEmpty()) {
            throw new AssertionError("The response to " + method + " " + pathAndQuery + " (" + status + " "
                    + contentType + ") breaks the served OpenAPI document:\n  " + String.join("\n  ", mismatches)
                    + "\nBody: " + abbreviate(body));
        }
    }

    private List<String> mismatches(String method, String pathAndQuery, int status, String contentType, String body) {
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        String mediaType = mediaType(contentType);
        Optional<PathTemplate> template = paths.stream()
                .filter(candidate -> candidate.pattern().matcher(path).matches())
                .findFirst();
        JsonNode operation = template.map(found -> found.item().path(method)).orElse(null);
        if (operation == null || operation.isMissingNode()) {
            // No documented operation: a page or tool beside the API, or an error, which is a problem.
            if (mediaType.equals("application/problem+json")) {
                return validate(PROBLEM, body);
            }
            if (status < 400 && OUTSIDE_THE_API.stream().anyMatch(path::startsWith)) {
                return List.of();
            }
            return List.of("no operation " + method.toUpperCase(Locale.ROOT) + " " + path
                    + " is documented, and the answer is not a problem detail");
        }
        JsonNode responses = operation.path("responses");
        JsonNode response = responses.has(String.valueOf(status))
                ? responses.path(String.valueOf(status))
                : responses.path("default");
        if (response.isMissingNode()) {
            return List.of("status " + status + " is not declared; declared: "
                    + responses.propertyNames().stream().toList());
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return body.isEmpty() ? List.of() : List.of("status " + status + " declares no body, but one came");
        }
        if (!content.has(mediaType)) {
            return List.of("media type '" + mediaType + "' is not declared for status " + status + "; declared: "
                    + content.propertyNames().stream().toList());
        }
        JsonNode declared = content.path(mediaType);
        if (!declared.has("x-schema-index") || !isJson(mediaType)) {
            return List.of();
        }
        return validate(
                "#/x-response-schemas/" + declared.path("x-schema-index").asInt(), body);
    }

    private List<String> validate(String pointer, String body) {
        JsonNode instance;
        try {
            instance = Api.JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return List.of("the body is not JSON: " + notJson.getMessage());
        }
        Schema schema = schemas.computeIfAbsent(pointer, at -> registry.getSchema(SchemaLocation.of(LOCATION + at)));
        return schema.validate(instance).stream().map(Error::toString).toList();
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static String mediaType(String contentType) {
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters))
                .trim()
                .toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String body) {
        return body.length() <= 2000 ? body : body.substring(0, 2000) + "...";
    }
}
