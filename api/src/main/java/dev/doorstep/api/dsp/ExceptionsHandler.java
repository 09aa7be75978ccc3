package dev.doorstep.api.dsp;

import dev.doorstep.api.security.Caller;
import dev.doorstep.api.web.LiveStreams;
import dev.doorstep.dispatch.errors.Forbidden;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.tracking.exceptions.RouteException;
import dev.doorstep.tracking.exceptions.RouteExceptions;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The exceptions panel of the dispatcher's own DSP: the list, and the live feed of opens and clears. */
@RestController
class ExceptionsHandler {

    private final RouteExceptions exceptions;
    private final LiveStreams streams;

    ExceptionsHandler(RouteExceptions exceptions, LiveStreams streams) {
        this.exceptions = exceptions;
        this.streams = streams;
    }

    @GetMapping("/v1/dsp/exceptions")
    Mono<Map<String, List<RouteException>>> list(@AuthenticationPrincipal Jwt token,
            @RequestParam(defaultValue = "open") String state,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        String dspId = Caller.of(token).dspId();
        if (dspId == null) {
            return Mono.error(new Forbidden("no-dsp", "The token names no DSP"));
        }
        Flux<RouteException> items = switch (state) {
            case "open" -> exceptions.openOf(dspId);
            case "all" -> exceptions.ofDay(dspId, date);
            default -> Flux.error(InvalidInput.of("state", "must be open or all"));
        };
        return items.collectList().map(list -> Map.of("items", list));
    }

    @GetMapping(path = "/v1/dsp/exceptions/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<RouteException>> events(@AuthenticationPrincipal Jwt token) {
        String dspId = Caller.of(token).dspId();
        if (dspId == null) {
            return Flux.error(new Forbidden("no-dsp", "The token names no DSP"));
        }
        // A first comment line sends the response head at once, before any exception or heartbeat.
        ServerSentEvent<RouteException> connected = ServerSentEvent.<RouteException>builder().comment("connected").build();
        return Flux.concat(Flux.just(connected), streams.events(exceptions.follow(dspId), "exception"));
    }
}
