package dev.doorstep.dispatch.routes;

import dev.doorstep.dispatch.errors.Conflict;
import reactor.core.publisher.Mono;

/** Optimistic locking: a write conditional on the version read touched every row it expected, or it is a conflict. */
final class Versions {

    private Versions() {
    }

    static Mono<Void> current(long updated, long expected, String id) {
        return updated == expected ? Mono.empty() : Mono.error(new Conflict("CONCURRENT_UPDATE",
                id + " was changed by someone else meanwhile; read it again and retry"));
    }
}
