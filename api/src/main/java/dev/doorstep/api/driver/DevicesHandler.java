package dev.doorstep.api.driver;

import dev.doorstep.notifications.devices.DeviceRegistration;
import dev.doorstep.notifications.devices.DeviceToken;
import dev.doorstep.notifications.devices.DeviceTokens;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The driver app's push token: registered at sign-in, removed at sign-out. */
@RestController
@RequestMapping("/v1/driver/devices")
class DevicesHandler {

    private final DeviceTokens devices;

    DevicesHandler(DeviceTokens devices) {
        this.devices = devices;
    }

    /** 201 for a new token, 200 when the token was already registered (to this or another driver). */
    @PostMapping
    Mono<ResponseEntity<DeviceToken>> register(@Valid @RequestBody DeviceRegistration registration,
            @AuthenticationPrincipal Jwt token) {
        return devices.registerForDriver(token.getSubject(), registration)
                .map(r -> ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK).body(r.device()));
    }

    @DeleteMapping("/{token}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> unregister(@PathVariable("token") String deviceToken, @AuthenticationPrincipal Jwt token) {
        return devices.unregisterForDriver(token.getSubject(), deviceToken);
    }
}
