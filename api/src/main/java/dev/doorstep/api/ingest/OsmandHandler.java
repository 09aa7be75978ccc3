package dev.doorstep.api.ingest;

import dev.doorstep.tracking.ingest.BatchResult;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The OsmAnd protocol that OsmAnd and Traccar Client speak, as Traccar's OsmAnd decoder reads it: one ping
 * per request in query parameters, a form body or Traccar Client's JSON body, authenticated by the device
 * key in {@code id}, {@code deviceid} or {@code device_id}. An unknown key is 404 and stores nothing.
 */
@RestController
class OsmandHandler {

    private final DevicePings pings;
    private final DeviceBodies bodies;
    private final Clock clock;

    OsmandHandler(DevicePings pings, DeviceBodies bodies, Clock clock) {
        this.pings = pings;
        this.bodies = bodies;
        this.clock = clock;
    }

    @RequestMapping(path = "/v1/ingest/osmand", method = {RequestMethod.GET, RequestMethod.POST})
    Mono<BatchResult> ping(ServerWebExchange exchange) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        if (type != null && MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            return bodies.json(exchange.getRequest()).map(TraccarJsonPing::new)
                    .flatMap(ping -> pings.store(ping.deviceId(), "device_id", ping.entry(clock.instant())));
        }
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        return exchange.getFormData().flatMap(form -> {
            DeviceParams params = new DeviceParams(name -> form.containsKey(name) ? form.getFirst(name)
                    : query.getFirst(name));
            String key = params.text("id") != null ? params.text("id") : params.text("deviceid");
            return pings.store(key, "id", new OsmandPing(params).entry(clock.instant()));
        });
    }
}
