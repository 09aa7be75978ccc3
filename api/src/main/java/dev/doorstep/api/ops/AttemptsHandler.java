package dev.doorstep.api.ops;

import dev.doorstep.api.security.Caller;
import dev.doorstep.dispatch.delivery.Attempt;
import dev.doorstep.dispatch.delivery.Deliveries;
import java.time.Duration;
import java.util.function.Predicate;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Delivery attempts and their original photos, for station ops and for the dispatcher of the route's DSP only;
 * to anyone else an attempt does not exist (404).
 */
@RestController
class AttemptsHandler {

    private final Deliveries deliveries;

    AttemptsHandler(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping("/v1/ops/attempts/{id}")
    Mono<Attempt> attempt(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return deliveries.attempt(id, mayActFor(token));
    }

    @GetMapping("/v1/ops/attempts/{id}/photos/{n}")
    Mono<ResponseEntity<byte[]>> photo(@AuthenticationPrincipal Jwt token, @PathVariable String id,
            @PathVariable int n) {
        return deliveries.original(id, n, mayActFor(token))
                .map(photo -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(photo.contentType()))
                        .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
                        .header("X-Content-Type-Options", "nosniff")
                        .header("Content-Security-Policy", "default-src 'none'; sandbox")
                        .body(photo.bytes()));
    }

    private static Predicate<String> mayActFor(Jwt token) {
        Caller caller = Caller.of(token);
        return dsp -> caller.actsFor(dsp.isEmpty() ? null : dsp);
    }
}
