package dev.doorstep.api.web;

import dev.doorstep.tracking.live.LiveSettings;
import dev.doorstep.tracking.live.Position;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Positions as Server-Sent Events ("position" events), with a comment line as heartbeat. */
@Component
public class LiveStreams {

    private final LiveSettings settings;

    LiveStreams(LiveSettings settings) {
        this.settings = settings;
    }

    public Flux<ServerSentEvent<Position>> events(Flux<Position> positions) {
        Flux<ServerSentEvent<Position>> heartbeat = Flux.interval(settings.heartbeat())
                .map(n -> ServerSentEvent.<Position>builder().comment("heartbeat").build());
        return Flux.merge(positions.map(p -> ServerSentEvent.builder(p).event("position").build()), heartbeat);
    }
}
