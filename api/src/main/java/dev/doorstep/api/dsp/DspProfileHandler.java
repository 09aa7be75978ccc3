package dev.doorstep.api.dsp;

import dev.doorstep.api.security.Caller;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.fleet.Driver;
import dev.doorstep.dispatch.fleet.Drivers;
import dev.doorstep.dispatch.fleet.Dsps;
import dev.doorstep.dispatch.paging.PageRequest;
import dev.doorstep.dispatch.stations.Station;
import dev.doorstep.dispatch.stations.Stations;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the portal names things by: the dispatcher's own DSP and the stations it can work from (a new driver's
 * home station is picked from them; times show in a station's zone).
 */
@RestController
class DspProfileHandler {

    private final Dsps dsps;
    private final Drivers drivers;
    private final Stations stations;

    DspProfileHandler(Dsps dsps, Drivers drivers, Stations stations) {
        this.dsps = dsps;
        this.drivers = drivers;
        this.stations = stations;
    }

    record StationName(String id, String name, String timeZone) {
    }

    record Profile(String id, String name, List<StationName> stations) {
    }

    @GetMapping("/v1/dsp/profile")
    Mono<Profile> profile(@AuthenticationPrincipal Jwt token) {
        String dspId = Caller.of(token).dspId();
        if (dspId == null) {
            return Mono.error(new NotFound("dsp", "of this dispatcher"));
        }
        return dsps.get(dspId).zipWith(stationNames(dspId), (dsp, names) -> new Profile(dsp.id(), dsp.name(), names));
    }

    /**
     * The home stations of the DSP's drivers, always, and the network's first page of stations (500; a network has
     * a few dozen), by name: the portal's time zone is the one most of the DSP's drivers work from.
     */
    private Mono<List<StationName>> stationNames(String dspId) {
        Flux<Station> homes = drivers.list(dspId, new PageRequest(null, PageRequest.MAX_LIMIT))
                .flatMapMany(page -> Flux.fromStream(page.items().stream().map(Driver::homeStationId).distinct()))
                .concatMap(stations::get);
        Flux<Station> network = stations.list(new PageRequest(null, PageRequest.MAX_LIMIT))
                .flatMapMany(page -> Flux.fromIterable(page.items()));
        return homes.concatWith(network)
                .collect(Collectors.toMap(Station::id, s -> s, (first, again) -> first))
                .map(byId -> byId.values().stream().sorted(Comparator.comparing(Station::name))
                        .map(s -> new StationName(s.id(), s.name(), s.timeZone())).toList());
    }
}
