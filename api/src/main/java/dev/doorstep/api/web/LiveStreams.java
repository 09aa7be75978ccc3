package dev.doorstep.api.web;

import dev.doorstep.tracking.live.LiveSettings;
import dev.doorstep.tracking.live.Position;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Positions ("position" events) and other live items as Server-Sent Events, with a comment line as heartbeat. */
@Component
public class LiveStreams {

    private final LiveSettings settings;

    LiveStreams(LiveSettings settings) {
        this.settings = settings;
    }

    public Flux<ServerSentEvent<Position>> events(Flux<Position> positions) {
        return events(positions, "position");
    }

    /** Each item as an event named {@code event}, with the same heartbeat. */
    public <T> Flux<ServerSentEvent<T>> events(Flux<T> items, String event) {
        Flux<ServerSentEvent<T>> heartbeat = Flux.interval(settings.heartbeat())
                .map(n -> ServerSentEvent.<T>builder().comment("heartbeat").build());
        return Flux.merge(items.map(p -> ServerSentEvent.builder(p).event(event).build()), heartbeat);
    }
}
