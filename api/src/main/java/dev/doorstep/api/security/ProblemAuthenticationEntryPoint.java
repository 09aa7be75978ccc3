package dev.doorstep.api.security;

import dev.doorstep.api.problems.ProblemType;
import dev.doorstep.api.problems.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 401 as a problem, with the bearer challenge RFC 6750 asks for. */
final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private final ProblemWriter problems;

    ProblemAuthenticationEntryPoint(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        boolean presented = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                presented ? "Bearer error=\"invalid_token\"" : "Bearer");
        String detail = presented
                ? "The bearer token is invalid, expired or not meant for this service"
                : "This endpoint needs a bearer token";
        return problems.write(exchange, ProblemType.UNAUTHORIZED, detail);
    }
}
