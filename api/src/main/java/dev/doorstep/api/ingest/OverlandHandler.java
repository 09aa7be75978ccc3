package dev.doorstep.api.ingest;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Overland (iOS) batches, authenticated by the device key as Overland's access token ({@code Authorization:
 * Bearer}) or as {@code token} in the URL. Overland deletes a batch from its queue only on the body
 * {@code {"result":"ok"}}, answered only when every location of the batch is stored or already was.
 */
@RestController
class OverlandHandler {

    private static final Map<String, String> OK = Map.of("result", "ok");

    private final DevicePings pings;
    private final DeviceBodies bodies;

    OverlandHandler(DevicePings pings, DeviceBodies bodies) {
        this.pings = pings;
        this.bodies = bodies;
    }

    @PostMapping("/v1/ingest/overland")
    Mono<Map<String, String>> upload(ServerHttpRequest request) {
        return bodies.json(request).map(root -> new OverlandBatch(root, bodies.maxBatch()))
                .flatMap(batch -> pings.store(token(request), "Authorization", batch.pings,
                        index -> "locations[" + batch.featureIndexes.get(index) + "]."))
                .thenReturn(OK);
    }

    /** The bearer token, else {@code ?token=}, else null. */
    private static String token(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !authorization.substring(7).isBlank()) {
            return authorization.substring(7).trim();
        }
        String token = request.getQueryParams().getFirst("token");
        return token == null || token.isBlank() ? null : token;
    }
}
