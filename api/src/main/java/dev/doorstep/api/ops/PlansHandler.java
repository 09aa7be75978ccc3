package dev.doorstep.api.ops;

import dev.doorstep.dispatch.planning.PlanRequest;
import dev.doorstep.dispatch.planning.PlanView;
import dev.doorstep.dispatch.planning.Plans;
import dev.doorstep.dispatch.planning.PublishRequest;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Route planning jobs for station operations: start, poll, publish. */
@RestController
class PlansHandler {

    private final Plans plans;

    PlansHandler(Plans plans) {
        this.plans = plans;
    }

    /** Always 202: even a small plan is a job, so clients have one flow to follow. */
    @PostMapping("/v1/stations/{id}/plans")
    Mono<ResponseEntity<PlanView>> start(@PathVariable String id, @Valid @RequestBody PlanRequest request) {
        return plans.start(id, request)
                .map(plan -> ResponseEntity.accepted().location(URI.create("/v1/plans/" + plan.id())).body(plan));
    }

    @GetMapping("/v1/plans/{id}")
    Mono<PlanView> get(@PathVariable String id) {
        return plans.get(id);
    }

    @PostMapping("/v1/plans/{id}/publish")
    Mono<PlanView> publish(@PathVariable String id, @Valid @RequestBody PublishRequest request) {
        return plans.publish(id, request);
    }
}
