package dev.doorstep.api.driver;

import dev.doorstep.api.security.Caller;
import dev.doorstep.tracking.ingest.OsmandDevice;
import dev.doorstep.tracking.ingest.OsmandDevices;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Registers the calling driver's OsmAnd / Traccar Client device; its key goes in the app's device id. */
@RestController
class OsmandDevicesHandler {

    private final OsmandDevices devices;

    OsmandDevicesHandler(OsmandDevices devices) {
        this.devices = devices;
    }

    @PostMapping("/v1/driver/devices/osmand")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<OsmandDevice> register(@AuthenticationPrincipal Jwt token) {
        return devices.register(Caller.of(token).subject());
    }
}
