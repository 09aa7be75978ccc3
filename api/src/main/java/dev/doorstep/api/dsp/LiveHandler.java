package dev.doorstep.api.dsp;

import dev.doorstep.api.security.Caller;
import dev.doorstep.api.web.LiveStreams;
import dev.doorstep.dispatch.errors.Forbidden;
import dev.doorstep.tracking.live.LivePositions;
import dev.doorstep.tracking.live.Position;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** The live map of the dispatcher's own DSP: its drivers' latest positions, then every move. */
@RestController("dspLiveHandler")
class LiveHandler {

    private final LivePositions positions;
    private final LiveStreams streams;

    LiveHandler(LivePositions positions, LiveStreams streams) {
        this.positions = positions;
        this.streams = streams;
    }

    @GetMapping(path = "/v1/dsp/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Position>> live(@AuthenticationPrincipal Jwt token) {
        String dspId = Caller.of(token).dspId();
        if (dspId == null) {
            return Flux.error(new Forbidden("no-dsp", "The token names no DSP"));
        }
        return streams.events(positions.ofDsp(dspId));
    }
}
