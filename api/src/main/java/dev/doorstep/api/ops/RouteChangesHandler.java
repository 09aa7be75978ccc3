package dev.doorstep.api.ops;

import dev.doorstep.dispatch.planning.PlannedRoute;
import dev.doorstep.dispatch.routes.RouteChanges;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Station ops add a package to a published route or take one off it; the stops left are re-sequenced. */
@RestController
class RouteChangesHandler {

    private final RouteChanges changes;

    RouteChangesHandler(RouteChanges changes) {
        this.changes = changes;
    }

    record AddedPackage(@NotBlank String trackingId) {
    }

    @PostMapping("/v1/routes/{id}/packages")
    Mono<PlannedRoute> add(@PathVariable String id, @Valid @RequestBody AddedPackage body) {
        return changes.addPackage(id, body.trackingId());
    }

    @DeleteMapping("/v1/routes/{id}/packages/{trackingId}")
    Mono<PlannedRoute> remove(@PathVariable String id, @PathVariable String trackingId) {
        return changes.removePackage(id, trackingId);
    }
}
