package dev.doorstep.api.ops;

import dev.doorstep.api.security.Caller;
import dev.doorstep.api.web.LiveStreams;
import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.dispatch.errors.InvalidInput;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.fleet.Drivers;
import dev.doorstep.dispatch.stations.Stations;
import dev.doorstep.tracking.live.LivePositions;
import dev.doorstep.tracking.live.NearbyDriver;
import dev.doorstep.tracking.live.Position;
import dev.doorstep.tracking.live.TrailPoint;
import dev.doorstep.tracking.live.Trails;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where drivers are: near a point, live for a station, and a driver's trail. */
@RestController("opsLiveHandler")
class LiveHandler {

    /** The widest circle a "near" search takes. */
    private static final double MAX_RADIUS_M = 100_000;
    /** How far back a trail goes when {@code from} is not given. */
    private static final Duration DEFAULT_TRAIL = Duration.ofHours(48);

    private final LivePositions positions;
    private final Trails trails;
    private final Stations stations;
    private final Drivers drivers;
    private final LiveStreams streams;
    private final Clock clock;

    LiveHandler(LivePositions positions, Trails trails, Stations stations, Drivers drivers, LiveStreams streams,
            Clock clock) {
        this.positions = positions;
        this.trails = trails;
        this.stations = stations;
        this.drivers = drivers;
        this.streams = streams;
        this.clock = clock;
    }

    record Nearby(List<NearbyDriver> items) {
    }

    record Trail(String driverId, List<TrailPoint> points) {
    }

    @GetMapping("/v1/ops/stations/{id}/drivers/near")
    Mono<Nearby> near(@PathVariable String id, @RequestParam double lat, @RequestParam double lon,
            @RequestParam double radiusM) {
        List<FieldError> errors = new ArrayList<>();
        if (!(lat >= -90 && lat <= 90)) {
            errors.add(new FieldError("lat", "must be between -90 and 90"));
        }
        if (!(lon >= -180 && lon <= 180)) {
            errors.add(new FieldError("lon", "must be between -180 and 180"));
        }
        if (!(radiusM > 0 && radiusM <= MAX_RADIUS_M)) {
            errors.add(new FieldError("radiusM", "must be above 0 and at most " + (int) MAX_RADIUS_M));
        }
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidInput(errors));
        }
        return stations.get(id).thenMany(positions.near(id, lat, lon, radiusM)).collectList().map(Nearby::new);
    }

    @GetMapping(path = "/v1/ops/stations/{id}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Position>> stationLive(@PathVariable String id) {
        return stations.get(id).thenMany(streams.events(positions.ofStation(id)));
    }

    /** Station ops see every driver's trail; a dispatcher only its own DSP's drivers (others are not found). */
    @GetMapping("/v1/ops/drivers/{id}/trail")
    Mono<Trail> trail(@PathVariable String id, @AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        Instant until = to == null ? clock.instant() : to;
        Instant since = from == null ? until.minus(DEFAULT_TRAIL) : from;
        if (since.isAfter(until)) {
            return Mono.error(InvalidInput.of("from", "must not be after to"));
        }
        return drivers.get(id)
                .filter(driver -> Caller.of(token).actsFor(driver.dspId()))
                .switchIfEmpty(Mono.error(() -> new NotFound("driver", id)))
                .flatMap(driver -> trails.trail(id, since, until).collectList())
                .map(points -> new Trail(id, points));
    }
}
