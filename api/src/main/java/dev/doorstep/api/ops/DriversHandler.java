package dev.doorstep.api.ops;

import dev.doorstep.dispatch.fleet.Driver;
import dev.doorstep.dispatch.fleet.DriverDraft;
import dev.doorstep.dispatch.fleet.Drivers;
import dev.doorstep.dispatch.paging.Page;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Flex and DSP drivers, for station operations. */
@RestController
@RequestMapping("/v1/drivers")
class DriversHandler {

    private final Drivers drivers;

    DriversHandler(Drivers drivers) {
        this.drivers = drivers;
    }

    @PostMapping
    Mono<ResponseEntity<Driver>> create(@Valid @RequestBody DriverDraft draft) {
        return drivers.create(draft).map(d -> ResponseEntity.created(URI.create("/v1/drivers/" + d.id())).body(d));
    }

    @GetMapping
    Mono<Page<Driver>> list(@RequestParam(required = false) String dspId,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT) int limit) {
        return drivers.list(dspId, Paging.of(after, limit));
    }

    @GetMapping("/{id}")
    Mono<Driver> get(@PathVariable String id) {
        return drivers.get(id);
    }
}
