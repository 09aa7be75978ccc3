package dev.doorstep.api.ingest;

import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.tracking.ingest.BatchResult;
import dev.doorstep.tracking.ingest.OsmandDevices;
import dev.doorstep.tracking.ingest.PingEntry;
import dev.doorstep.tracking.ingest.PingIngest;
import dev.doorstep.tracking.ingest.RejectedPing;
import java.util.List;
import java.util.function.IntFunction;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What every tracking app's endpoint does once it has read the pings: find the driver by the device key,
 * store, and answer with the truth. A 2xx only when every ping is stored (a flagged ping is kept in the
 * trail) or already was, since the apps delete a ping from their queue on any 2xx; a ping that is not
 * stored makes the answer a 400 naming it, and the pings stored beside it stay stored.
 */
@Component
class DevicePings {

    private final OsmandDevices devices;
    private final PingIngest ingest;

    DevicePings(OsmandDevices devices, PingIngest ingest) {
        this.devices = devices;
        this.ingest = ingest;
    }

    /** One ping, authenticated by {@code deviceKey} (null when the request has none: 400 on {@code keyField}). */
    Mono<BatchResult> store(String deviceKey, String keyField, PingEntry ping) {
        return store(deviceKey, keyField, List.of(ping), index -> "");
    }

    /** {@code prefix} gives the field path of the request's ping at a batch index. */
    Mono<BatchResult> store(String deviceKey, String keyField, List<PingEntry> pings, IntFunction<String> prefix) {
        if (deviceKey == null) {
            return Mono.error(InvalidInput.of(keyField, "is required (the device key)"));
        }
        return devices.driverOf(deviceKey)
                .flatMap(driverId -> pings.isEmpty() ? Mono.just(new BatchResult(0, 0, List.of()))
                        : ingest.acceptBatch(driverId, pings))
                .flatMap(result -> storedOrRefused(result, prefix));
    }

    private static Mono<BatchResult> storedOrRefused(BatchResult result, IntFunction<String> prefix) {
        List<RejectedPing> refused = result.refused();
        if (refused.isEmpty()) {
            return Mono.just(result);
        }
        return Mono.error(new InvalidInput(refused.stream()
                .map(r -> new FieldError(prefix.apply(r.index()) + r.field(), r.reason()))
                .toList()));
    }
}
