package org.neuromod;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The judge of responses fails on each kind of drift between a response and the document. */
class ApiDocumentTest {

    private static final ApiDocument DOCUMENT = new ApiDocument(Api.JSON.readTree("""
            {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
             "paths": {"/things/{id}": {"get": {"responses": {
                 "200": {"description": "a thing", "content": {"application/json": {"schema":
                     {"$ref": "#/components/schemas/Thing"}}}},
                 "404": {"description": "none", "content": {"application/problem+json": {"schema":
                     {"$ref": "#/components/schemas/ProblemDetail"}}}}}},
               "delete": {"responses": {"204": {"description": "deleted"}}}}},
             "components": {"schemas": {
               "Thing": {"type": "object", "required": ["id", "next"], "properties": {
                 "id": {"type": "string", "format": "uuid"},
                 "next": {"anyOf": [{"$ref": "#/components/schemas/Thing"}, {"type": "null"}]}}},
               "ProblemDetail": {"type": "object", "required": ["type", "status"], "properties": {
                 "type": {"type": "string", "format": "uri-reference"}, "status": {"type": "integer"}}}}}}
            """));

    private static final String ID = "0b6c1f0e-4f0e-4a8e-9d5e-6f7a8b9c0d1e";

    @Test
    void aResponseAsDocumentedPasses() {
        assertThatCode(() -> {
                    DOCUMENT.check("GET", "/things/" + ID, 200, "application/json", thing("null"));
                    DOCUMENT.check("GET", "/things/" + ID, 200, "application/json", thing(thing("null")));
                    DOCUMENT.check(
                            "GET",
                            "/things/x?y=1",
                            404,
                            "application/problem+json",
                            "{\"type\": \"/problems/x\", \"status\": 404}");
                    DOCUMENT.check("DELETE", "/things/" + ID, 204, "", "");
                    DOCUMENT.check(
                            "GET",
                            "/elsewhere",
                            404,
                            "application/problem+json",
                            "{\"type\": \"/p\", \"status\": 404}");
                })
                .doesNotThrowAnyException();
    }

    @Test
    void aBodyThatBreaksItsSchemaFails() {
        assertThatThrownBy(() -> DOCUMENT.check("GET", "/things/" + ID, 200, "application/json", thing("\"no\"")))
                .hasMessageContaining("/next");
        assertThatThrownBy(() -> DOCUMENT.check(
                        "GET", "/things/" + ID, 200, "application/json", "{\"id\": \"not-a-uuid\", \"next\": null}"))
                .hasMessageContaining("/id");
        assertThatThrownBy(() ->
                        DOCUMENT.check("GET", "/things/" + ID, 200, "application/json", "{\"id\": \"" + ID + "\"}"))
                .hasMessageContaining("next");
    }

    @Test
    void anUndeclaredStatusOrMediaTypeFails() {
        assertThatThrownBy(() -> DOCUMENT.check(
                        "GET", "/things/" + ID, 409, "application/problem+json", "{\"type\": \"/p\", \"status\": 409}"))
                .hasMessageContaining("status 409 is not declared");
        assertThatThrownBy(() -> DOCUMENT.check("GET", "/things/" + ID, 200, "text/csv", "id\n"))
                .hasMessageContaining("media type 'text/csv' is not declared");
        assertThatThrownBy(() -> DOCUMENT.check("DELETE", "/things/" + ID, 204, "application/json", "{}"))
                .hasMessageContaining("declares no body");
    }

    @Test
    void anUndocumentedOperationMustAnswerAProblem() {
        assertThatThrownBy(() -> DOCUMENT.check("GET", "/elsewhere", 200, "application/json", "{}"))
                .hasMessageContaining("no operation GET /elsewhere");
        assertThatThrownBy(() -> DOCUMENT.check("GET", "/elsewhere", 404, "application/problem+json", "{}"))
                .hasMessageContaining("type");
    }

    private static String thing(String next) {
        return "{\"id\": \"" + ID + "\", \"next\": " + next + "}";
    }
}
