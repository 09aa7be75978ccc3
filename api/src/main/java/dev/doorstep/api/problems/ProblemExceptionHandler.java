package dev.doorstep.api.problems;

import dev.doorstep.api.web.RequestLog;
import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.dispatch.errors.Forbidden;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.errors.Rejected;
import dev.doorstep.dispatch.errors.Unsupported;
import dev.doorstep.tracking.ingest.IngestSettings;
import dev.doorstep.tracking.live.LiveStoreUnavailable;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.net.ConnectException;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * The one place where exceptions become RFC 9457 problems. Runs before Spring Boot's own error handler,
 * so no stack trace, class name or SQL ever reaches a client.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemWriter writer;
    private final IngestSettings ingest;

    ProblemExceptionHandler(ProblemWriter writer, IngestSettings ingest) {
        this.writer = writer;
        this.ingest = ingest;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        Problem problem = problemFor(error);
        if (problem.status() == 503) {
            log.warn("Request {} {} answered 503: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), error.getMessage());
        } else if (problem.status() >= 500) {
            log.error("Request {} {} failed (request id {})", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), RequestLog.requestId(exchange), error);
        }
        if (error instanceof RateLimited limited) {
            exchange.getResponse().getHeaders().set("Retry-After", Long.toString(limited.retryAfterSeconds()));
        }
        if (error instanceof LiveStoreUnavailable || storeUnreachable(error)) {
            // The phone keeps its pings (or its delivery) and sends them again after this many seconds.
            exchange.getResponse().getHeaders().set("Retry-After",
                    Long.toString(ingest.retryAfter().toSeconds()));
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            exchange.getResponse().getHeaders().setAllow(notAllowed.getSupportedMethods());
        }
        return writer.write(exchange, problem);
    }

    static Problem problemFor(Throwable error) {
        if (error instanceof NotFound e) {
            return Problem.of(ProblemType.NOT_FOUND, e.getMessage());
        } else if (error instanceof Conflict e) {
            return Problem.of(ProblemType.CONFLICT, e.getMessage()).withReason(e.reason());
        } else if (error instanceof Rejected e) {
            return Problem.of(ProblemType.REJECTED, e.getMessage()).withReason(e.reason());
        } else if (error instanceof Forbidden e) {
            return Problem.of(ProblemType.FORBIDDEN, e.getMessage()).withReason(e.reason());
        } else if (error instanceof InvalidInput e) {
            return Problem.of(ProblemType.VALIDATION, "Some fields are invalid").withErrors(e.errors());
        } else if (error instanceof RateLimited e) {
            return Problem.of(ProblemType.RATE_LIMITED, e.getMessage());
        } else if (error instanceof Unsupported e) {
            return Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
        } else if (error instanceof LiveStoreUnavailable e) {
            return Problem.of(ProblemType.UNAVAILABLE, e.getMessage());
        } else if (storeUnreachable(error)) {
            return Problem.of(ProblemType.UNAVAILABLE, "A data store is unreachable for a moment; nothing of this request"
                    + " was kept: send it again after Retry-After seconds");
        } else if (error instanceof TooLarge e) {
            return Problem.of(ProblemType.TOO_LARGE, e.getMessage());
        } else if (error instanceof WebExchangeBindException e) {
            return Problem.of(ProblemType.VALIDATION, "Some fields are invalid")
                    .withErrors(e.getFieldErrors().stream()
                            .map(f -> new FieldError(f.getField(), f.getDefaultMessage()))
                            .sorted(Comparator.comparing(FieldError::field))
                            .toList());
        } else if (error instanceof UnsupportedMediaTypeStatusException e) {
            return Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content type " + e.getContentType()
                    + " is not supported here; send " + e.getSupportedMediaTypes());
        } else if (error instanceof NotAcceptableStatusException e) {
            return Problem.of(ProblemType.NOT_ACCEPTABLE, "This endpoint can answer with " + e.getSupportedMediaTypes());
        } else if (error instanceof MethodNotAllowedException e) {
            return Problem.of(ProblemType.METHOD_NOT_ALLOWED,
                    e.getHttpMethod() + " is not allowed here; use " + e.getSupportedMethods());
        } else if (error instanceof ServerWebInputException e) {
            return input(e);
        } else if (error instanceof AuthenticationException) {
            return Problem.of(ProblemType.UNAUTHORIZED, "This endpoint needs a bearer token");
        } else if (error instanceof AccessDeniedException) {
            return Problem.of(ProblemType.FORBIDDEN, "Your role does not allow this request");
        } else if (tooLarge(error) || error instanceof ResponseStatusException e && e.getStatusCode().value() == 413) {
            return Problem.of(ProblemType.TOO_LARGE, "The request body is too large");
        } else if (error instanceof DecodingException e) {
            return undecodable(e);
        } else if (error instanceof ResponseStatusException e) {
            return byStatus(e);
        }
        return Problem.of(ProblemType.INTERNAL, "Something went wrong on our side; quote the request id");
    }

    /** Spring's own status exceptions (404 for unknown paths, 415 from a body reader, ...). */
    private static Problem byStatus(ResponseStatusException e) {
        for (ProblemType type : ProblemType.values()) {
            if (type.status().value() == e.getStatusCode().value() && type != ProblemType.MALFORMED_BODY) {
                String detail = switch (type) {
                    case NOT_FOUND -> "No such resource";
                    case UNSUPPORTED_MEDIA_TYPE -> "This content type is not supported here";
                    case INTERNAL -> "Something went wrong on our side; quote the request id";
                    default -> e.getReason() == null ? type.title() : e.getReason();
                };
                return Problem.of(type, detail);
            }
        }
        return Problem.of(ProblemType.INTERNAL, "Something went wrong on our side; quote the request id");
    }

    private static Problem input(ServerWebInputException e) {
        if (tooLarge(e)) {
            return Problem.of(ProblemType.TOO_LARGE, "The request body is too large");
        }
        JacksonException json = cause(e, JacksonException.class);
        if (json != null) {
            if (JsonErrors.malformed(json)) {
                return Problem.of(ProblemType.MALFORMED_BODY, "The body is not valid JSON");
            }
            return Problem.of(ProblemType.VALIDATION, "Some fields have the wrong type")
                    .withErrors(List.of(JsonErrors.fieldError(json, "")));
        }
        if (e.getMethodParameter() != null && e.getMethodParameter().getParameterName() != null
                && !"No request body".equals(e.getReason())) {
            String name = e.getMethodParameter().getParameterName();
            return Problem.of(ProblemType.VALIDATION, "A parameter is invalid")
                    .withErrors(List.of(new FieldError(name, "is missing or has the wrong type")));
        }
        return Problem.of(ProblemType.MALFORMED_BODY, e.getReason() == null ? "The request body is missing"
                : e.getReason());
    }

    /** A body the codecs could not read: a broken multipart upload (no boundary, no end, too many parts), bad JSON. */
    private static Problem undecodable(DecodingException e) {
        JacksonException json = cause(e, JacksonException.class);
        if (json != null && !JsonErrors.malformed(json)) {
            return Problem.of(ProblemType.VALIDATION, "Some fields have the wrong type")
                    .withErrors(List.of(JsonErrors.fieldError(json, "")));
        }
        // Spring's multipart messages name the fault ("Could not find end of body", "Too many parts") and no class.
        String reason = json == null && e.getMessage() != null && e.getMessage().length() <= 200 ? ": " + e.getMessage()
                : "";
        return Problem.of(ProblemType.MALFORMED_BODY, "The request body could not be read" + reason);
    }

    /**
     * PostgreSQL (or Redis) down, restarting or refusing connections: no connection, a connection closed under the
     * statement, a pool that could not hand one out. The request failed as a whole (a transaction rolls back).
     */
    static boolean storeUnreachable(Throwable error) {
        return cause(error, DataAccessResourceFailureException.class) != null
                || cause(error, TransientDataAccessResourceException.class) != null
                || cause(error, R2dbcNonTransientResourceException.class) != null
                || cause(error, R2dbcTransientResourceException.class) != null
                || cause(error, ConnectException.class) != null;
    }

    private static boolean tooLarge(Throwable error) {
        return cause(error, DataBufferLimitException.class) != null;
    }

    private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
