package dev.doorstep.api.ingest;

import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.tracking.ingest.BatchResult;
import dev.doorstep.tracking.ingest.OsmandDevices;
import dev.doorstep.tracking.ingest.PingIngest;
import java.util.List;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The OsmAnd protocol that OsmAnd and Traccar Client speak: one ping per request in query parameters or a
 * form body, authenticated by the device key in {@code id}. An unknown key is 404 and stores nothing.
 */
@RestController
class OsmandHandler {

    private final OsmandDevices devices;
    private final PingIngest ingest;

    OsmandHandler(OsmandDevices devices, PingIngest ingest) {
        this.devices = devices;
        this.ingest = ingest;
    }

    @RequestMapping(path = "/v1/ingest/osmand", method = {RequestMethod.GET, RequestMethod.POST})
    Mono<BatchResult> ping(ServerWebExchange exchange) {
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        return exchange.getFormData().flatMap(form -> {
            OsmandPing ping = new OsmandPing(name -> form.containsKey(name) ? form.getFirst(name)
                    : query.getFirst(name));
            String deviceKey = ping.param("id");
            if (deviceKey == null || deviceKey.isBlank()) {
                return Mono.error(InvalidInput.of("id", "is required (the device key)"));
            }
            return devices.driverOf(deviceKey)
                    .flatMap(driverId -> ingest.acceptBatch(driverId, List.of(ping.entry())));
        });
    }
}
