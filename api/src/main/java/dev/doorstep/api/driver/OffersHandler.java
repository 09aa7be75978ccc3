package dev.doorstep.api.driver;

import dev.doorstep.api.ops.Paging;
import dev.doorstep.dispatch.blocks.Block;
import dev.doorstep.dispatch.blocks.Offers;
import dev.doorstep.dispatch.paging.Page;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Block offers and claims for Flex drivers, both within the driver's request budget. A retried claim
 * (same driver, same block, whatever its {@code Idempotency-Key}) answers the same 200.
 */
@RestController
@RequestMapping("/v1/driver/offers")
class OffersHandler {

    private final Offers offers;
    private final DriverRateLimit rateLimit;

    OffersHandler(Offers offers, DriverRateLimit rateLimit) {
        this.offers = offers;
        this.rateLimit = rateLimit;
    }

    @GetMapping
    Mono<Page<Block>> list(@AuthenticationPrincipal Jwt token, @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "50") int limit) {
        String driverId = token.getSubject();
        return rateLimit.admit(driverId).then(Mono.defer(() -> offers.offers(driverId, Paging.of(after, limit))));
    }

    @PostMapping("/{blockId}/claim")
    Mono<Block> claim(@AuthenticationPrincipal Jwt token, @PathVariable String blockId) {
        String driverId = token.getSubject();
        return rateLimit.admit(driverId).then(Mono.defer(() -> offers.claim(blockId, driverId)));
    }
}
