package dev.doorstep.api.ops;

import dev.doorstep.api.security.Caller;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.fleet.Dsp;
import dev.doorstep.dispatch.fleet.DspDraft;
import dev.doorstep.dispatch.fleet.Dsps;
import dev.doorstep.dispatch.fleet.Van;
import dev.doorstep.dispatch.fleet.VanChange;
import dev.doorstep.dispatch.fleet.VanDraft;
import dev.doorstep.dispatch.fleet.Vans;
import dev.doorstep.dispatch.paging.Page;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** DSPs and their vans. */
@RestController
@RequestMapping("/v1/dsps")
class DspsHandler {

    private final Dsps dsps;
    private final Vans vans;

    DspsHandler(Dsps dsps, Vans vans) {
        this.dsps = dsps;
        this.vans = vans;
    }

    @PostMapping
    Mono<ResponseEntity<Dsp>> create(@Valid @RequestBody DspDraft draft) {
        return dsps.create(draft).map(d -> ResponseEntity.created(URI.create("/v1/dsps/" + d.id())).body(d));
    }

    @GetMapping
    Mono<Page<Dsp>> list(@RequestParam(required = false) String after,
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT) int limit) {
        return dsps.list(Paging.of(after, limit));
    }

    @GetMapping("/{id}")
    Mono<Dsp> get(@PathVariable String id) {
        return dsps.get(id);
    }

    /** Station ops add vans to any DSP; a dispatcher to its own DSP only (another DSP is "not found"). */
    @PostMapping("/{id}/vans")
    Mono<ResponseEntity<Van>> addVan(@PathVariable String id, @AuthenticationPrincipal Jwt token,
            @Valid @RequestBody VanDraft draft) {
        return ownDsp(token, id)
                .then(vans.create(id, draft))
                .map(v -> ResponseEntity.created(URI.create("/v1/dsps/" + id + "/vans/" + v.id())).body(v));
    }

    /** Station ops see every DSP's vans; a dispatcher only its own DSP's (another DSP is "not found"). */
    @GetMapping("/{id}/vans")
    Mono<Page<Van>> listVans(@PathVariable String id, @AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT) int limit) {
        return ownDsp(token, id).then(Mono.defer(() -> vans.list(id, active, Paging.of(after, limit))));
    }

    @PatchMapping("/{id}/vans/{vanId}")
    Mono<Van> changeVan(@PathVariable String id, @PathVariable String vanId, @AuthenticationPrincipal Jwt token,
            @Valid @RequestBody VanChange change) {
        return ownDsp(token, id).then(vans.change(id, vanId, change));
    }

    private static Mono<Void> ownDsp(Jwt token, String dspId) {
        return Caller.of(token).actsFor(dspId) ? Mono.empty() : Mono.error(new NotFound("dsp", dspId));
    }
}
