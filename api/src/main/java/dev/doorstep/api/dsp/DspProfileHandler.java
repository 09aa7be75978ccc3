package dev.doorstep.api.dsp;

import dev.doorstep.api.security.Caller;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.fleet.Dsps;
import dev.doorstep.dispatch.paging.Page;
import dev.doorstep.dispatch.paging.PageRequest;
import dev.doorstep.dispatch.stations.Station;
import dev.doorstep.dispatch.stations.Stations;
import java.util.Comparator;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * What the portal names things by: the dispatcher's own DSP and the stations it can work from (a new driver's
 * home station is picked from them; times show in a station's zone).
 */
@RestController
class DspProfileHandler {

    private final Dsps dsps;
    private final Stations stations;

    DspProfileHandler(Dsps dsps, Stations stations) {
        this.dsps = dsps;
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
        return dsps.get(dspId).zipWith(stationNames(), (dsp, names) -> new Profile(dsp.id(), dsp.name(), names));
    }

    /** Every station of the network, by name (a network has dozens; read page by page). */
    private Mono<List<StationName>> stationNames() {
        return stations.list(new PageRequest(null, PageRequest.MAX_LIMIT))
                .expand(page -> page.next() == null ? Mono.empty()
                        : stations.list(new PageRequest(page.next(), PageRequest.MAX_LIMIT)))
                .flatMapIterable(Page::items)
                .sort(Comparator.comparing(Station::name))
                .map(s -> new StationName(s.id(), s.name(), s.timeZone()))
                .collectList();
    }
}
