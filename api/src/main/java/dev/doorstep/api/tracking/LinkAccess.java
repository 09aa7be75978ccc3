package dev.doorstep.api.tracking;

import dev.doorstep.api.web.ClientAddress;
import dev.doorstep.api.web.TokenBuckets;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.tracking.links.TrackingLinks;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
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

    /** Emits once the token stops opening its package, checked every {@code every}. */
    Mono<Void> closing(String token, Duration every) {
        return closing(every, () -> stillOpen(token));
    }

    /** A check slower than {@code every} (a loaded node) skips the ticks it overlaps rather than failing the stream. */
    static Mono<Void> closing(Duration every, Supplier<Mono<Boolean>> stillOpen) {
        return Flux.interval(every)
                .onBackpressureDrop()
                .concatMap(n -> stillOpen.get(), 1)
                .filter(open -> !open)
                .next()
                .then();
    }

    /** The link's package, once the caller's address is within its budget. */
    Mono<String> opened(String token, ServerHttpRequest request) {
        String address = clients.of(request);
        return buckets.take("doorstep:rate:track:{" + address + "}", limits.burst(), limits.refillEvery())
                .then(links.resolve(token));
    }
}
