package dev.doorstep.api.ops;

import dev.doorstep.dispatch.dispatchers.Dispatcher;
import dev.doorstep.dispatch.dispatchers.DispatcherChange;
import dev.doorstep.dispatch.dispatchers.DispatcherDraft;
import dev.doorstep.dispatch.dispatchers.Dispatchers;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The dispatcher accounts of a DSP, managed by station ops. Passwords go in, never out. */
@RestController
@RequestMapping("/v1/dsps/{id}/dispatchers")
class DispatchersHandler {

    private final Dispatchers dispatchers;

    DispatchersHandler(Dispatchers dispatchers) {
        this.dispatchers = dispatchers;
    }

    @PostMapping
    Mono<ResponseEntity<Dispatcher>> create(@PathVariable String id, @Valid @RequestBody DispatcherDraft draft) {
        return dispatchers.create(id, draft).map(d -> ResponseEntity
                .created(URI.create("/v1/dsps/" + id + "/dispatchers/" + d.id())).body(d));
    }

    @GetMapping
    Mono<Map<String, List<Dispatcher>>> list(@PathVariable String id) {
        return dispatchers.list(id).map(items -> Map.of("items", items));
    }

    @GetMapping("/{dispatcherId}")
    Mono<Dispatcher> get(@PathVariable String id, @PathVariable String dispatcherId) {
        return dispatchers.get(id, dispatcherId);
    }

    @PatchMapping("/{dispatcherId}")
    Mono<Dispatcher> change(@PathVariable String id, @PathVariable String dispatcherId,
            @Valid @RequestBody DispatcherChange change) {
        return dispatchers.change(id, dispatcherId, change);
    }
}
