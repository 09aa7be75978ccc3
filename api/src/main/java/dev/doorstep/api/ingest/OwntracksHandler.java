package dev.doorstep.api.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * OwnTracks in HTTP mode: one JSON message per POST, the device key as the Basic auth password (the user
 * name is free). The answer is a JSON array of messages for the phone, here always empty. A message other
 * than a location (transition, waypoint, status, ...) carries no ping: it is answered 200 and not stored.
 */
@RestController
class OwntracksHandler {

    private final DevicePings pings;
    private final DeviceBodies bodies;
    private final Clock clock;

    OwntracksHandler(DevicePings pings, DeviceBodies bodies, Clock clock) {
        this.pings = pings;
        this.bodies = bodies;
        this.clock = clock;
    }

    @PostMapping("/v1/ingest/owntracks")
    Mono<List<Object>> publish(ServerHttpRequest request) {
        String key = basicPassword(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        return bodies.json(request).map(OwntracksLocation::new)
                .flatMap(message -> pings.store(key, "Authorization", message.isLocation()
                        ? List.of(message.entry(clock.instant())) : List.of(), index -> ""))
                .thenReturn(List.of());
    }

    /** The password of a Basic Authorization header, or null. */
    private static String basicPassword(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 || colon == decoded.length() - 1 ? null : decoded.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
