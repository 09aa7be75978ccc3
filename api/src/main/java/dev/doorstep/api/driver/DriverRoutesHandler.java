package dev.doorstep.api.driver;

import dev.doorstep.dispatch.planning.PlannedRoute;
import dev.doorstep.dispatch.routes.Itinerary;
import dev.doorstep.dispatch.routes.Routes;
import dev.doorstep.tracking.links.TrackingLinks;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The driver's own route: the token's subject is the driver id; another driver's route or stop is not found. */
@RestController
class DriverRoutesHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DriverRoutesHandler.class);

    private final Routes routes;
    private final TrackingLinks links;

    DriverRoutesHandler(Routes routes, TrackingLinks links) {
        this.routes = routes;
        this.links = links;
    }

    @GetMapping("/v1/driver/itinerary")
    Mono<Itinerary> itinerary(@AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return routes.itinerary(token.getSubject(), date);
    }

    @PostMapping("/v1/driver/routes/{id}/start")
    Mono<PlannedRoute> start(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        // The packages go out for delivery: each gets its tracking link. The route has started either way; a link
        // that failed here is made when a push first names it.
        return routes.start(token.getSubject(), id)
                .flatMap(route -> links.issueAtDeparture(route.id())
                        .onErrorResume(e -> {
                            LOG.warn("Tracking links of route {} not made at departure: {}", route.id(), e.toString());
                            return Mono.empty();
                        })
                        .thenReturn(route));
    }

    @PostMapping("/v1/driver/stops/{id}/arrive")
    Mono<PlannedRoute> arrive(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return routes.arrive(token.getSubject(), id);
    }

    @PostMapping("/v1/driver/routes/{id}/finish")
    Mono<PlannedRoute> finish(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return routes.finish(token.getSubject(), id);
    }
}
