package dev.doorstep.api.web;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every response without a Content-Security-Policy of its own gets {@link ContentSecurityPolicy#DEFAULT}; the
 * tracking page's push service worker may also load the Firebase SDK and reach its registration services, and
 * Swagger UI may add style elements (its syntax highlighter does; scripts stay its own files only).
 */
@Component
class ContentSecurityPolicyFilter implements WebFilter {

    static final String PUSH_WORKER = "/firebase-messaging-sw.js";
    static final String PUSH_WORKER_POLICY = "default-src 'self'; script-src 'self' https://www.gstatic.com; "
            + "connect-src 'self' https://*.googleapis.com; object-src 'none'; base-uri 'none'";

    static final String SWAGGER_UI_POLICY = ContentSecurityPolicy.DEFAULT + "; style-src 'self' 'unsafe-inline'";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        String policy = PUSH_WORKER.equals(path) ? PUSH_WORKER_POLICY
                : path.startsWith("/swagger-ui") ? SWAGGER_UI_POLICY : ContentSecurityPolicy.DEFAULT;
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            if (!headers.containsHeader(ContentSecurityPolicy.HEADER)) {
                headers.set(ContentSecurityPolicy.HEADER, policy);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
