package dev.doorstep.api.ops;

import dev.doorstep.api.security.Caller;
import dev.doorstep.api.security.Role;
import dev.doorstep.dispatch.errors.Forbidden;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.fleet.Driver;
import dev.doorstep.dispatch.fleet.DriverChange;
import dev.doorstep.dispatch.fleet.DriverDraft;
import dev.doorstep.dispatch.fleet.DriverKind;
import dev.doorstep.dispatch.fleet.Drivers;
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

/**
 * Flex and DSP drivers: station ops manage every driver, a dispatcher only its own DSP's (another DSP's driver,
 * or another DSP named in a request, is not found).
 */
@RestController
@RequestMapping("/v1/drivers")
class DriversHandler {

    private final Drivers drivers;

    DriversHandler(Drivers drivers) {
        this.drivers = drivers;
    }

    @PostMapping
    Mono<ResponseEntity<Driver>> create(@AuthenticationPrincipal Jwt token, @Valid @RequestBody DriverDraft draft) {
        return Mono.fromCallable(() -> scoped(Caller.of(token), draft))
                .flatMap(drivers::create)
                .map(d -> ResponseEntity.created(URI.create("/v1/drivers/" + d.id())).body(d));
    }

    @GetMapping
    Mono<Page<Driver>> list(@AuthenticationPrincipal Jwt token, @RequestParam(required = false) String dspId,
            @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT) int limit) {
        Caller caller = Caller.of(token);
        if (caller.has(Role.STATION_OPS)) {
            return drivers.list(dspId, active, Paging.of(after, limit));
        }
        String own = dspId == null ? caller.dspId() : dspId;
        if (!caller.actsFor(own)) {
            return Mono.error(new NotFound("dsp", String.valueOf(own)));
        }
        return drivers.list(own, active, Paging.of(after, limit));
    }

    @GetMapping("/{id}")
    Mono<Driver> get(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        Caller caller = Caller.of(token);
        return drivers.get(id)
                .filter(driver -> caller.has(Role.STATION_OPS) || caller.actsFor(driver.dspId()))
                .switchIfEmpty(Mono.error(() -> new NotFound("driver", id)));
    }

    @PatchMapping("/{id}")
    Mono<Driver> change(@AuthenticationPrincipal Jwt token, @PathVariable String id,
            @Valid @RequestBody DriverChange change) {
        Caller caller = Caller.of(token);
        if (caller.has(Role.STATION_OPS)) {
            return drivers.change(id, null, change);
        }
        return caller.dspId() == null ? Mono.error(new NotFound("driver", id))
                : drivers.change(id, caller.dspId(), change);
    }

    /** A dispatcher creates DSP drivers of its own DSP only; it may leave out the kind and the DSP. */
    private static DriverDraft scoped(Caller caller, DriverDraft draft) {
        if (caller.has(Role.STATION_OPS)) {
            return draft;
        }
        if (draft.kind() == DriverKind.FLEX) {
            throw new Forbidden("FLEX_DRIVER", "A dispatcher creates only its own DSP's drivers");
        }
        String dspId = draft.dspId() == null || draft.dspId().isBlank() ? caller.dspId() : draft.dspId();
        if (!caller.actsFor(dspId)) {
            throw new NotFound("dsp", String.valueOf(dspId));
        }
        return new DriverDraft(draft.name(), DriverKind.DSP, dspId, draft.homeStationId(), draft.phone(),
                draft.locale());
    }
}
