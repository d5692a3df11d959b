package org.neuromod.live.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.neuromod.live.EventPosition;
import org.neuromod.live.InvalidEventId;
import org.neuromod.live.PlotData;
import org.neuromod.live.SessionFeeds;
import org.neuromod.live.SessionPlots;
import org.neuromod.live.StreamsUnavailable;
import org.neuromod.session.web.SessionIds;
import org.neuromod.web.ProblemType;
import org.neuromod.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/sessions/{id}")
@Tag(name = "Live", description = "Follow a session as it runs: its trial events and plot data.")
class EventsController {

    /** No time limit: a stream lasts as long as its client, kept alive by heartbeats. */
    private static final long NO_TIMEOUT = 0L;

    private final SessionFeeds feeds;
    private final SessionPlots plots;

    EventsController(SessionFeeds feeds, SessionPlots plots) {
        this.feeds = feeds;
        this.plots = plots;
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow the session's trials (Server-Sent Events)", description = """
                    A text/event-stream of the session's trials as they are acted on and closed, batches \
                    included. Each event (name trial) carries in data the trial record of GET \
                    /sessions/{id}/trials, and an id naming the trial and its state, 17:open or 17:closed. \
                    Events come by trial, open before closed; a trial that closed before it was sent comes \
                    once, closed. Reconnecting with Last-Event-ID (or ?after=, for clients that cannot set \
                    headers) resumes after that event with nothing missed or repeated, on any instance \
                    sharing the database. Comment lines keep idle streams alive (neuromod.live.heartbeat). \
                    The stream ends when the session is deleted or the service stops.""")
    @ApiResponse(responseCode = "200", description = "The event stream.")
    @ApiResponse(
            responseCode = "400",
            description = "Last-Event-ID (or after) is not <trial>:open or <trial>:closed (type malformed-request).")
    @ApiResponse(responseCode = "404", description = "No such session (type session-not-found); nothing is streamed.")
    @ApiResponse(
            responseCode = "503",
            description = "This instance serves neuromod.live.max-streams streams, or is stopping (type"
                    + " service-unavailable, with Retry-After).")
    SseEmitter events(
            @Parameter(description = "The session's id (a UUID).") @PathVariable String id,
            @Parameter(description = "The id of the last event received; the stream resumes after it.")
                    @RequestHeader(name = "Last-Event-ID", required = false)
                    String lastEventId,
            @Parameter(description = "Like Last-Event-ID, which wins when both are given.")
                    @RequestParam(name = "after", required = false)
                    String after) {
        var sessionId = SessionIds.parse(id);
        String resumeAt = lastEventId != null ? lastEventId : after;
        EventPosition position = resumeAt == null ? EventPosition.START : EventPosition.parse(resumeAt.trim());
        var emitter = new SseEmitter(NO_TIMEOUT);
        feeds.follow(sessionId, position, new SseSink(emitter));
        return emitter;
    }

    @GetMapping(path = "/plot", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The session's trials as plot series, decimated", description = """
                    The series the dashboard plots, at most points points each: one per trial up to that many \
                    trials, beyond that the smallest and the largest value of each bucket of trials (min/max \
                    decimation). lastEventId names the stream event after which GET \
                    /sessions/{id}/events?after= continues them.""")
    @ApiResponse(responseCode = "200", description = "The plot series.")
    @ApiResponse(responseCode = "404", description = "No such session (type session-not-found).")
    PlotData plot(
            @Parameter(description = "The session's id (a UUID).") @PathVariable String id,
            @Parameter(description = "The most points per series (bounded by neuromod.live.max-plot-points).")
                    @RequestParam(defaultValue = "2000")
                    int points) {
        return plots.plot(SessionIds.parse(id), points);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidEventId(InvalidEventId e) {
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(ProblemType.MALFORMED_REQUEST, e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> streamsUnavailable(StreamsUnavailable e) {
        ProblemDetail problem = Problems.of(ProblemType.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setProperty("retryAfterSeconds", e.retryAfter().toSeconds());
        return ResponseEntity.status(ProblemType.SERVICE_UNAVAILABLE.status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
