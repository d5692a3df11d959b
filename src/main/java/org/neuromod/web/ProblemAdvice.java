package org.neuromod.web;

import java.util.List;
import java.util.Objects;
import org.neuromod.core.agent.InvalidParameters;
import org.neuromod.session.BatchConflict;
import org.neuromod.session.InvalidInput;
import org.neuromod.session.SessionBusy;
import org.neuromod.session.SessionLimitReached;
import org.neuromod.session.SessionNotFound;
import org.neuromod.session.TrialAlreadyClosed;
import org.neuromod.session.TrialConflict;
import org.neuromod.session.UnexpectedTrial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place that turns exceptions into RFC 9457 problem details: every domain exception and
 * every framework exception gets a stable {@link ProblemType}, a title, a detail saying what was
 * wrong, and properties such as {@code sessionId}, {@code trial}, {@code expectedTrial} or {@code
 * errors} (one message per problem) where they help.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final String DUPLICATE_MEMBER = "Duplicate Object property";

    @ExceptionHandler
    ProblemDetail sessionNotFound(SessionNotFound e) {
        ProblemDetail problem = Problems.of(ProblemType.SESSION_NOT_FOUND, e.getMessage());
        problem.setProperty("sessionId", e.sessionId());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail trialConflict(TrialConflict e) {
        ProblemDetail problem = Problems.of(ProblemType.TRIAL_CONFLICT, e.getMessage());
        problem.setProperty("sessionId", e.sessionId());
        problem.setProperty("trial", e.trial());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail trialAlreadyClosed(TrialAlreadyClosed e) {
        ProblemDetail problem = Problems.of(ProblemType.TRIAL_CONFLICT, e.getMessage());
        problem.setProperty("trial", e.trial());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unexpectedTrial(UnexpectedTrial e) {
        ProblemDetail problem = Problems.of(ProblemType.UNEXPECTED_TRIAL, e.getMessage());
        problem.setProperty("sessionId", e.sessionId());
        problem.setProperty("trial", e.trial());
        problem.setProperty("expectedTrial", e.expectedTrial());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail batchConflict(BatchConflict e) {
        ProblemDetail problem = Problems.of(ProblemType.BATCH_CONFLICT, e.getMessage());
        problem.setProperty("sessionId", e.sessionId());
        problem.setProperty("firstTrial", e.firstTrial());
        problem.setProperty("expectedTrial", e.expectedTrial());
        if (e.openTrial() != null) {
            problem.setProperty("openTrial", e.openTrial());
        }
        if (e.conflictingTrial() != null) {
            problem.setProperty("trial", e.conflictingTrial());
        }
        return problem;
    }

    @ExceptionHandler
    ProblemDetail sessionBusy(SessionBusy e) {
        ProblemDetail problem = Problems.of(ProblemType.CONCURRENT_UPDATE, e.getMessage());
        problem.setProperty("sessionId", e.sessionId());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail sessionLimitReached(SessionLimitReached e) {
        ProblemDetail problem = Problems.of(ProblemType.LIMIT_EXCEEDED, e.getMessage());
        problem.setProperty("limit", "max-sessions");
        problem.setProperty("maximum", e.maxSessions());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidInput(InvalidInput e) {
        return validation(e.problems());
    }

    @ExceptionHandler
    ProblemDetail invalidParameters(InvalidParameters e) {
        ProblemDetail problem = validation(e.problems());
        problem.setProperty("agent", e.agent());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail requestBodyTooLarge(RequestBodyTooLarge e) {
        ProblemDetail problem = Problems.of(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage());
        problem.setProperty("limit", e.setting());
        problem.setProperty("maxBodyBytes", e.maxBodyBytes());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return validation(List.of("'" + e.getName() + "' has an invalid value '" + e.getValue() + "'"));
    }

    /** Anything unforeseen: logged in full, reported without internals. */
    @ExceptionHandler
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error while handling a request", e);
        return Problems.of(ProblemType.SERVER_ERROR, "the service failed to handle the request; it has been logged");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<String> errors = e.getBindingResult().getAllErrors().stream()
                .map(error -> error instanceof FieldError field
                        ? "'" + field.getField() + "' " + field.getDefaultMessage()
                        : error.getDefaultMessage())
                .sorted()
                .toList();
        return ResponseEntity.status(status).headers(headers).body(validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<String> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> "'" + result.getMethodParameter().getParameterName() + "' "
                                + error.getDefaultMessage()))
                .sorted()
                .toList();
        return ResponseEntity.badRequest().headers(headers).body(validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(status)
                .headers(headers)
                .body(validation(List.of("'" + e.getParameterName() + "' is required")));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLarge tooLarge) {
                return ResponseEntity.status(ProblemType.PAYLOAD_TOO_LARGE.status())
                        .body(requestBodyTooLarge(tooLarge));
            }
        }
        return ResponseEntity.status(status)
                .headers(headers)
                .body(Problems.of(ProblemType.MALFORMED_REQUEST, unreadable(e)));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(
                        ProblemType.NOT_FOUND,
                        "no endpoint " + e.getHttpMethod() + " /" + e.getResourcePath() + "; see /v3/api-docs"));
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(
            NoHandlerFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(
                        ProblemType.NOT_FOUND,
                        "no endpoint " + e.getHttpMethod() + " " + e.getRequestURL() + "; see /v3/api-docs"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(status)
                .headers(headers)
                .body(Problems.of(
                        ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "content type " + (e.getContentType() == null ? "(none)" : "'" + e.getContentType() + "'")
                                + " is not supported; send " + e.getSupportedMediaTypes()));
    }

    /**
     * The content type of this answer (and of the not-found ones) is set, not negotiated: the Accept
     * header may be the malformed part of the request, and negotiating would parse it again and
     * leave the answer without a body.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(
                        ProblemType.NOT_ACCEPTABLE,
                        "this endpoint responds with " + e.getSupportedMediaTypes()
                                + ", none of which the Accept header allows"));
    }

    /** Every other framework exception keeps its status and gets the type that status stands for. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body == null && e instanceof ErrorResponse response) {
            body = response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
        }
        if (body instanceof ProblemDetail problem
                && Objects.equals(ProblemDetail.forStatus(status).getType(), problem.getType())) {
            ProblemType type = ProblemType.forStatus(status.value());
            problem.setType(type.uri());
            problem.setTitle(type.title());
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    private static ProblemDetail validation(List<String> errors) {
        ProblemDetail problem = Problems.of(ProblemType.VALIDATION, String.join("; ", errors));
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + path(unknown) + "'; known fields: " + unknown.getKnownPropertyIds();
        }
        if (cause instanceof InputCoercionException range) {
            return "a number is out of range: " + firstLine(range.getOriginalMessage());
        }
        if (cause instanceof StreamConstraintsException limit) {
            return "the body exceeds a JSON limit: " + firstLine(limit.getOriginalMessage());
        }
        if (cause instanceof StreamReadException syntax && isDuplicateMember(syntax)) {
            return duplicateMember(syntax);
        }
        if (cause instanceof StreamReadException syntax) {
            return "the body is not valid JSON: " + firstLine(syntax.getOriginalMessage());
        }
        if (cause instanceof JacksonException binding) {
            String path = path(binding);
            return (path.isEmpty() ? "the body" : "'" + path + "'") + " has a wrong type or value: "
                    + firstLine(binding.getOriginalMessage());
        }
        return "a JSON body is required and must be readable";
    }

    /**
     * Whether the parser refused a member an object names twice. Jackson reports it as a plain
     * {@link StreamReadException}, told apart only by its message.
     */
    private static boolean isDuplicateMember(StreamReadException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith(DUPLICATE_MEMBER);
    }

    /** Names the member and, as a JSON pointer (RFC 6901), where the parser met it the second time. */
    private static String duplicateMember(StreamReadException e) {
        if (e.processor() instanceof JsonParser parser && parser.streamReadContext() != null) {
            TokenStreamContext context = parser.streamReadContext();
            return "the body names member '" + context.currentName() + "' twice in one object (at "
                    + context.pathAsPointer() + "); every member of a JSON object must be named once";
        }
        return firstLine(e.getOriginalMessage()) + "; every member of a JSON object must be named once";
    }

    private static String path(JacksonException e) {
        var path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
