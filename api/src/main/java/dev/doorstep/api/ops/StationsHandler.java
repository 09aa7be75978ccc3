package dev.doorstep.api.ops;

import dev.doorstep.dispatch.paging.Page;
import dev.doorstep.dispatch.stations.Station;
import dev.doorstep.dispatch.stations.StationDraft;
import dev.doorstep.dispatch.stations.Stations;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Station registry for station operations. */
@RestController
@RequestMapping("/v1/stations")
class StationsHandler {

    private final Stations stations;

    StationsHandler(Stations stations) {
        this.stations = stations;
    }

    @PostMapping
    Mono<ResponseEntity<Station>> create(@Valid @RequestBody StationDraft draft) {
        return stations.create(draft)
                .map(s -> ResponseEntity.created(URI.create("/v1/stations/" + s.id())).body(s));
    }

    @GetMapping
    Mono<Page<Station>> list(@RequestParam(required = false) String after,
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT) int limit) {
        return stations.list(Paging.of(after, limit));
    }

    @GetMapping("/{id}")
    Mono<Station> get(@PathVariable String id) {
        return stations.get(id);
    }

    @PutMapping("/{id}")
    Mono<Station> replace(@PathVariable String id, @Valid @RequestBody StationDraft draft) {
        return stations.replace(id, draft);
    }
}
