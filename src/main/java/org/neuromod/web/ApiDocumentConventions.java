package org.neuromod.web;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.MediaType;

/**
 * The rules every operation of the served document follows, applied once here instead of repeated
 * on each controller method:
 *
 * <ul>
 *   <li>every error response (status 400 and up) is an RFC 9457 problem, {@code
 *       application/problem+json} with the {@value #PROBLEM} schema; every operation declares 400
 *       (invalid or malformed request) and 406 (not acceptable), and every operation with a body 413
 *       (too large) and 415 (not JSON), unless it describes them itself;
 *   <li>responses are listed by status, successes first, so a generated client asks for the success
 *       media type first;
 *   <li>path parameters named {@code id} are session ids, UUIDs;
 *   <li>a nullable reference to another schema is written the OpenAPI 3.1 way, {@code anyOf} the
 *       reference and {@code type: 'null'} (springdoc writes {@code type: 'null'} beside the {@code
 *       $ref}, which JSON Schema reads as "always null"); an array of nullable items may be null;
 *   <li>no component schema goes unused.
 * </ul>
 */
@SuppressWarnings("rawtypes")
final class ApiDocumentConventions implements OpenApiCustomizer {

    /** The name of the problem schema among the components. */
    static final String PROBLEM = "ProblemDetail";

    private static final Map<String, String> STANDARD_ERRORS = Map.of(
            "400",
            "Invalid values (type validation, with an errors list) or a malformed request (type malformed-request:"
                    + " not JSON, wrong types, unknown fields, non-finite numbers; or type request-rejected).",
            "406",
            "The Accept header allows none of the media types the endpoint produces (type not-acceptable).",
            "413",
            "Body over neuromod.limits.max-body-bytes (type payload-too-large).",
            "415",
            "Body is not application/json (type unsupported-media-type).");

    @Override
    public void customise(OpenAPI api) {
        api.getComponents().addSchemas(PROBLEM, problemSchema());
        api.getComponents().getSchemas().values().forEach(ApiDocumentConventions::nullableReferences);
        api.getPaths().values().forEach(item -> item.readOperations().forEach(ApiDocumentConventions::conventions));
        removeUnreferencedSchemas(api);
    }

    /**
     * Drops component schemas nothing refers to, such as the streaming body type springdoc
     * introspects from the CSV export's return type while its content is declared as a string.
     */
    private static void removeUnreferencedSchemas(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        boolean removed = true;
        while (removed) {
            String document = Json31.pretty(api);
            removed = schemas.keySet().removeIf(name -> !document.contains("\"#/components/schemas/" + name + "\""));
        }
    }

    private static void conventions(Operation operation) {
        var codes = new ArrayList<>(List.of("400", "406"));
        if (operation.getRequestBody() != null) {
            codes.addAll(List.of("413", "415"));
        }
        ApiResponses responses = operation.getResponses();
        for (String code : codes) {
            if (!responses.containsKey(code)) {
                responses.addApiResponse(code, new ApiResponse().description(STANDARD_ERRORS.get(code)));
            }
        }
        var sorted = new ApiResponses();
        responses.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(response -> {
                    if (response.getKey().compareTo("400") >= 0) {
                        response.getValue().content(problemContent());
                    }
                    sorted.addApiResponse(response.getKey(), response.getValue());
                });
        operation.responses(sorted);
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if ("path".equals(parameter.getIn()) && "id".equals(parameter.getName())) {
                    parameter.schema(new JsonSchema().types(Set.of("string")).format("uuid"));
                }
            }
        }
    }

    private static Content problemContent() {
        return new Content()
                .addMediaType(
                        MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new io.swagger.v3.oas.models.media.MediaType()
                                .schema(new JsonSchema().$ref("#/components/schemas/" + PROBLEM)));
    }

    /** The members every problem has, and the extension members some types add. */
    private static Schema<?> problemSchema() {
        var properties = new LinkedHashMap<String, Schema>();
        properties.put(
                "type",
                string("The problem type: a reference to its documentation, relative to the service's URL, such as"
                                + " /problems/trial-conflict. Branch on its last segment.")
                        .format("uri-reference"));
        properties.put("title", string("A short summary of the problem type."));
        properties.put("status", integer("The HTTP status.", "int32"));
        properties.put("detail", string("What was wrong with this request."));
        properties.put(
                "instance", string("The request's path (a relative reference).").format("uri-reference"));
        properties.put(
                "errors",
                new JsonSchema()
                        .types(Set.of("array"))
                        .items(new JsonSchema().types(Set.of("string")))
                        .description("validation: one message per invalid value."));
        properties.put("sessionId", string("The session the problem concerns."));
        properties.put("trial", integer("The trial the problem concerns.", "int64"));
        properties.put("expectedTrial", integer("The trial number the session expects next.", "int64"));
        properties.put("firstTrial", integer("batch-conflict: the batch's firstTrial.", "int64"));
        properties.put("openTrial", integer("batch-conflict: the trial that is open.", "int64"));
        properties.put("agent", string("validation of agent parameters: the agent type."));
        properties.put("limit", string("limit-exceeded, payload-too-large: the setting that was reached."));
        properties.put("maximum", integer("limit-exceeded: the setting's value.", "int64"));
        properties.put("maxBodyBytes", integer("payload-too-large: the largest body accepted.", "int64"));
        return new JsonSchema()
                .types(Set.of("object"))
                .description("An RFC 9457 problem detail; see /problems for every type.")
                .properties(properties)
                .required(List.of("type", "title", "status"));
    }

    private static Schema<?> string(String description) {
        return new JsonSchema().types(Set.of("string")).description(description);
    }

    private static Schema<?> integer(String description, String format) {
        return new JsonSchema().types(Set.of("integer")).format(format).description(description);
    }

    private static void nullableReferences(Schema<?> schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        properties.replaceAll((name, property) -> {
            nullableArrays(property);
            Set<String> types = property.getTypes();
            boolean nullable = (types != null && types.contains("null")) || "null".equals(property.getType());
            if (property.get$ref() == null || !nullable) {
                nullableReferences(property);
                return property;
            }
            return new JsonSchema()
                    .description(property.getDescription())
                    .anyOf(List.of(new JsonSchema().$ref(property.get$ref()), new JsonSchema().types(Set.of("null"))));
        });
    }

    /**
     * An array of nullable items stands for a series with undefined points (the experiment
     * report's curves), which is null as a whole when nothing is defined: swagger-core drops
     * {@code @ArraySchema(arraySchema = @Schema(nullable = true))} in OpenAPI 3.1, so the array is
     * made nullable here.
     */
    private static void nullableArrays(Schema<?> property) {
        Set<String> types = property.getTypes();
        Schema<?> items = property.getItems();
        if (types != null
                && types.contains("array")
                && items != null
                && items.getTypes() != null
                && items.getTypes().contains("null")) {
            var nullable = new LinkedHashSet<>(types);
            nullable.add("null");
            property.setTypes(nullable);
        }
    }
}
