package dev.doorstep.api.tracking;

import dev.doorstep.dispatch.delivery.Deliveries;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.notifications.devices.DeviceTokens;
import dev.doorstep.tracking.customer.CustomerTracking;
import dev.doorstep.tracking.customer.EtaWindow;
import dev.doorstep.tracking.customer.TrackingSettings;
import dev.doorstep.tracking.customer.TrackingView;
import dev.doorstep.tracking.live.LiveSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The public tracking API: whoever holds a link's token sees that one package, rate-limited per client address. */
@RestController
class TrackHandler {

    private final CustomerTracking tracking;
    private final Deliveries deliveries;
    private final LinkAccess access;
    private final LiveSettings live;
    private final TrackingSettings settings;
    private final DeviceTokens devices;

    TrackHandler(LinkAccess access, CustomerTracking tracking, Deliveries deliveries, LiveSettings live,
            DeviceTokens devices, TrackingSettings settings) {
        this.access = access;
        this.settings = settings;
        this.devices = devices;
        this.tracking = tracking;
        this.deliveries = deliveries;
        this.live = live;
    }

    record DeliveredBody(Instant at, String place, String photoUrl) {
    }

    record TrackBody(String trackingId, String status, List<TrackingView.Step> timeline,
            TrackingView.Window deliveryWindow, String timeZone, TrackingView.Point destination, EtaWindow eta, Integer stopsAway,
            String driverFirstName, TrackingView.DriverPosition driver, DeliveredBody delivered, boolean ended) {
    }

    @GetMapping("/v1/track/{token}")
    Mono<TrackBody> track(@PathVariable String token, ServerHttpRequest request) {
        return access.opened(token, request).flatMap(tracking::view).map(view -> body(token, view));
    }

    @GetMapping(path = "/v1/track/{token}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<TrackBody>> events(@PathVariable String token, ServerHttpRequest request) {
        return access.opened(token, request).flatMapMany(trackingId -> {
            // A link revoked (or expired) while its stream is open ends the stream at the next re-read.
            Mono<Void> closed = access.closing(token, settings.refreshEvery());
            Flux<ServerSentEvent<TrackBody>> states = tracking.updates(trackingId)
                    .takeUntilOther(closed)
                    .map(view -> ServerSentEvent.builder(body(token, view)).event(view.ended() ? "ended" : "state")
                            .build());
            // A viewer too slow to take a heartbeat misses it rather than failing its stream.
            Flux<ServerSentEvent<TrackBody>> heartbeat = Flux.interval(live.heartbeat()).onBackpressureDrop()
                    .map(n -> ServerSentEvent.<TrackBody>builder().comment("heartbeat").build());
            // The stream ends with the states (delivered or returned), not with the heartbeat.
            Flux<Optional<ServerSentEvent<TrackBody>>> until = states.map(Optional::of)
                    .concatWith(Mono.just(Optional.empty()));
            return Flux.merge(until, heartbeat.map(Optional::of)).takeWhile(Optional::isPresent).map(Optional::get);
        });
    }

    @GetMapping("/v1/track/{token}/photo")
    Mono<ResponseEntity<byte[]>> photo(@PathVariable String token, ServerHttpRequest request) {
        return access.opened(token, request)
                .flatMap(deliveries::customerPhoto)
                .switchIfEmpty(Mono.error(() -> new NotFound("delivery photo", "of this link")))
                .map(file -> ResponseEntity.ok().contentType(MediaType.parseMediaType(file.contentType()))
                        .header("Cache-Control", "private, max-age=3600").body(file.bytes()));
    }

    record CustomerDevice(@NotBlank @Size(max = 4096) String token,
            @Pattern(regexp = "[a-z]{2,3}(-[A-Z]{2})?", message = "must be a language tag such as en or es-MX")
            String locale) {
    }

    record CustomerDeviceBody(String token, String platform, String locale) {
    }

    /** The tracking page's web push token: 201 when new, 200 when it was already registered. */
    @PostMapping("/v1/track/{token}/devices")
    Mono<ResponseEntity<CustomerDeviceBody>> registerDevice(@PathVariable String token,
            @Valid @RequestBody CustomerDevice device, ServerHttpRequest request) {
        return access.opened(token, request)
                .flatMap(trackingId -> devices.registerCustomer(trackingId, device.token(), device.locale()))
                .map(r -> ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(new CustomerDeviceBody(r.device().token(), r.device().platform().name(),
                                r.device().locale())));
    }

    private static TrackBody body(String token, TrackingView view) {
        TrackingView.Delivered done = view.delivered();
        DeliveredBody delivered = done == null ? null : new DeliveredBody(done.at(), done.place(),
                done.photo() ? "/v1/track/" + token + "/photo" : null);
        return new TrackBody(view.trackingId(), view.status(), view.timeline(), view.deliveryWindow(),
                view.timeZone(), view.destination(), view.eta(), view.stopsAway(), view.driverFirstName(), view.driver(), delivered,
                view.ended());
    }
}
