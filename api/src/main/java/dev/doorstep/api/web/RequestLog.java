package dev.doorstep.api.web;

import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane), returns it in the
 * response and logs one structured line per request when it completes (with its trace id when tracing is on).
 * A probe ({@code GET /actuator/health/liveness} or {@code readiness}) answered 200 is not logged: orchestrators
 * and load balancers send one every few seconds per node, and those lines said only "still up" (they are counted
 * in {@code http.server.requests} like every request); a probe answered anything else is logged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLog implements WebFilter {

    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = RequestLog.class.getName() + ".id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String LIVENESS = "/actuator/health/liveness";
    private static final String READINESS = "/actuator/health/readiness";
    private static final Logger log = LoggerFactory.getLogger("doorstep.requests");

    public static String requestId(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    /**
     * The request's trace id when tracing is on (management.tracing.enabled), else null. Read from the server
     * observation's context, whose span has ended by the time the request is logged.
     */
    private static String traceId(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(span -> span.context().traceId())
                .filter(id -> !id.isEmpty() && !id.chars().allMatch(c -> c == '0'))
                .orElse(null);
    }

    /**
     * A random (version 4) UUID from the thread's own generator: a request id names a log line, it guards nothing,
     * so it needs no shared cryptographic generator (whose lock every request would queue on).
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    static boolean isProbe(String method, String path) {
        return "GET".equals(method) && (LIVENESS.equals(path) || READINESS.equals(path));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = incoming != null && SANE.matcher(incoming).matches() ? incoming : newId();
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        long started = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            String method = exchange.getRequest().getMethod().name();
            String path = exchange.getRequest().getPath().value();
            int code = status == null ? 0 : status.value();
            if (code == 200 && isProbe(method, path)) {
                return;
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            String traceId = traceId(exchange);
            // The message carries the fields for the plain console; the key-values carry them for structured logs.
            LoggingEventBuilder line = log.atInfo()
                    .addKeyValue("requestId", id)
                    .addKeyValue("method", method)
                    .addKeyValue("path", path)
                    .addKeyValue("status", code)
                    .addKeyValue("durationMs", millis);
            if (traceId == null) {
                line.log("{} {} {} {} ms id={}", method, path, code, millis, id);
            } else {
                line.addKeyValue("traceId", traceId)
                        .log("{} {} {} {} ms id={} trace={}", method, path, code, millis, id, traceId);
            }
        });
    }
}
