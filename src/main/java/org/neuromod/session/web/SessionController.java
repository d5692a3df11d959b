package org.neuromod.session.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuromod.session.InvalidLabels;
import org.neuromod.session.Labels;
import org.neuromod.session.NewSession;
import org.neuromod.session.Page;
import org.neuromod.session.SessionService;
import org.neuromod.session.SessionSummary;
import org.neuromod.session.StorableText;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping(path = "/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Sessions", description = "Create, find and delete agent sessions.")
class SessionController {

    private final SessionService sessions;

    SessionController(SessionService sessions) {
        this.sessions = sessions;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Create a session",
            description = "Creates a session holding a new agent. Agents marked simulationOnly (oracles) cannot be"
                    + " used in a session.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the session.")
    @ApiResponse(
            responseCode = "409",
            description = "The service holds neuromod.limits.max-sessions sessions (type limit-exceeded).")
    ResponseEntity<SessionBody> create(@Valid @RequestBody CreateSessionRequest request, UriComponentsBuilder uri) {
        SessionSummary session = sessions.create(new NewSession(
                request.agent(), request.arms(), request.parameters(), request.seed(), request.labels()));
        return ResponseEntity.created(
                        uri.path("/sessions/{id}").buildAndExpand(session.id()).toUri())
                .body(SessionBody.of(session));
    }

    @GetMapping
    @Operation(
            summary = "List sessions",
            description = "Sessions oldest first, one page at a time, optionally only those carrying given labels.")
    @ApiResponse(responseCode = "200", description = "A page of sessions.")
    SessionsPage list(
            @Parameter(description = "Index of the first session to return.") @RequestParam(defaultValue = "0")
                    long offset,
            @Parameter(description = "Largest number of sessions to return, at most neuromod.limits.max-page-size.")
                    @RequestParam(defaultValue = "100")
                    int limit,
            @Parameter(
                            description = "Only sessions carrying this label, written name:value (for example"
                                    + " subject:m17); repeat the parameter to require several labels.")
                    @RequestParam(name = "label", required = false)
                    List<String> labels) {
        Page<SessionSummary> page = sessions.list(labelFilter(labels), offset, limit);
        return new SessionsPage(page.items().stream().map(SessionBody::of).toList(), page.total(), offset, limit);
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "Get a session",
            description = "The session: its agent, parameters, labels, number of trials and open trial.")
    @ApiResponse(responseCode = "200", description = "The session.")
    @ApiResponse(
            responseCode = "404",
            description = "No such session; ids that are not UUIDs name no session either (type session-not-found).")
    SessionBody get(@Parameter(description = "The session's id (a UUID).") @PathVariable String id) {
        return SessionBody.of(sessions.get(SessionIds.parse(id)));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a session", description = "Deletes the session and its whole trial log.")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @ApiResponse(responseCode = "404", description = "No such session (type session-not-found).")
    ResponseEntity<Void> delete(@Parameter(description = "The session's id (a UUID).") @PathVariable String id) {
        sessions.delete(SessionIds.parse(id));
        return ResponseEntity.noContent().build();
    }

    private static Map<String, String> labelFilter(List<String> labels) {
        var filter = new LinkedHashMap<String, String>();
        if (labels == null) {
            return filter;
        }
        for (String label : labels) {
            int colon = label.indexOf(':');
            String name = colon < 0 ? label : label.substring(0, colon);
            if (colon < 0 || !Labels.isName(name) || colon == label.length() - 1) {
                throw new InvalidLabels(List.of("label filter '" + label + "' must be written name:value"));
            }
            String value = label.substring(colon + 1);
            // no label holds such a value, and PostgreSQL could not even compare one holding NUL
            String unstorable = StorableText.problem(value);
            if (unstorable != null) {
                throw new InvalidLabels(List.of("label filter '" + name + "': the value " + unstorable));
            }
            filter.put(name, value);
        }
        return filter;
    }
}
