package dev.doorstep.api.tracking;

import dev.doorstep.api.web.ClientAddress;
import dev.doorstep.api.web.TokenBuckets;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.tracking.links.TrackingLinks;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Every public tracking request: the client address's budget first, then the token's package. */
@Component
class LinkAccess {

    private final TrackingLinks links;
    private final TokenBuckets buckets;
    private final TrackRateLimitSettings limits;
    private final ClientAddress clients;

    LinkAccess(TrackingLinks links, TokenBuckets buckets, TrackRateLimitSettings limits, ClientAddress clients) {
        this.links = links;
        this.buckets = buckets;
        this.limits = limits;
        this.clients = clients;
    }

    /** Whether the token still opens its package (not revoked, not expired); not rate-limited. */
    Mono<Boolean> stillOpen(String token) {
        return links.resolve(token).thenReturn(true).onErrorResume(NotFound.class, e -> Mono.just(false));
    }

    /** The link's package, once the caller's address is within its budget. */
    Mono<String> opened(String token, ServerHttpRequest request) {
        String address = clients.of(request);
        return buckets.take("doorstep:rate:track:{" + address + "}", limits.burst(), limits.refillEvery())
                .then(links.resolve(token));
    }
}
