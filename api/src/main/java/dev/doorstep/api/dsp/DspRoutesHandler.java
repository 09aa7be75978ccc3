package dev.doorstep.api.dsp;

import dev.doorstep.api.security.Caller;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.planning.PlannedRoute;
import dev.doorstep.dispatch.routes.Assignment;
import dev.doorstep.dispatch.routes.Routes;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A dispatcher's routes: only those of the DSP named in its token. */
@RestController
class DspRoutesHandler {

    private final Routes routes;

    DspRoutesHandler(Routes routes) {
        this.routes = routes;
    }

    @GetMapping("/v1/dsp/routes")
    Mono<Map<String, List<PlannedRoute>>> list(@AuthenticationPrincipal Jwt token,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return routes.ofDsp(Caller.of(token).dspId(), date).map(items -> Map.of("items", items));
    }

    @PutMapping("/v1/dsp/routes/{id}/assignment")
    Mono<PlannedRoute> assign(@AuthenticationPrincipal Jwt token, @PathVariable String id,
            @Valid @RequestBody Assignment assignment) {
        String dspId = Caller.of(token).dspId();
        if (dspId == null) {
            return Mono.error(new NotFound("route", id));
        }
        return routes.assign(dspId, id, assignment);
    }
}
