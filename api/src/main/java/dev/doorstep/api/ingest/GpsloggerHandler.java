package dev.doorstep.api.ingest;

import dev.doorstep.tracking.ingest.BatchResult;
import java.time.Clock;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * GPSLogger for Android's "Log to custom URL": one ping per request in the query or a form body, the device
 * key in {@code id}. GPSLogger retries a non-2xx answer three times, then drops the point.
 */
@RestController
class GpsloggerHandler {

    private final DevicePings pings;
    private final Clock clock;

    GpsloggerHandler(DevicePings pings, Clock clock) {
        this.pings = pings;
        this.clock = clock;
    }

    @RequestMapping(path = "/v1/ingest/gpslogger", method = {RequestMethod.GET, RequestMethod.POST})
    Mono<BatchResult> ping(ServerWebExchange exchange) {
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        return exchange.getFormData().flatMap(form -> {
            DeviceParams params = new DeviceParams(name -> form.containsKey(name) ? form.getFirst(name)
                    : query.getFirst(name));
            return pings.store(params.text("id"), "id", new GpsloggerPing(params).entry(clock.instant()));
        });
    }
}
