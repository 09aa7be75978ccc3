package dev.doorstep.api.security;

import dev.doorstep.api.problems.ProblemType;
import dev.doorstep.api.problems.ProblemWriter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 403 as a problem: the token is fine but its roles do not allow this endpoint. */
final class ProblemAccessDeniedHandler implements ServerAccessDeniedHandler {

    private final ProblemWriter problems;

    ProblemAccessDeniedHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return problems.write(exchange, ProblemType.FORBIDDEN, "Your role does not allow this request");
    }
}
