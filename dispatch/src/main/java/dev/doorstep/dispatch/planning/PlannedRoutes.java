package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.errors.NotFound;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads published routes with their stops, for the DSP and driver sides. */
@Component
public class PlannedRoutes {

    private final PlanReader reader;

    PlannedRoutes(PlanReader reader) {
        this.reader = reader;
    }

    public Mono<List<PlannedRoute>> ofDsp(String dspId, LocalDate date) {
        return reader.routes("dsp_id = :dsp AND service_date = :date", Map.of("dsp", dspId, "date", date));
    }

    /** The DSP routes IN_PROGRESS now, lean: position of station and stops, progress; no packages. */
    public Mono<List<RouteUnderway>> underway() {
        return reader.underway();
    }

    public Mono<PlannedRoute> get(String routeId) {
        return reader.routes("id = :id", Map.of("id", routeId))
                .flatMap(routes -> routes.isEmpty() ? Mono.error(new NotFound("route", routeId)) : Mono.just(routes.get(0)));
    }

    /** The driver's route on {@code date}, or on today's date in its station's time zone when null. */
    public Mono<List<PlannedRoute>> ofDriver(String driverId, LocalDate date) {
        if (date != null) {
            return reader.routes("driver_id = :driver AND service_date = :date AND status <> 'CANCELLED'",
                    Map.of("driver", driverId, "date", date));
        }
        return reader.routes("driver_id = :driver AND status <> 'CANCELLED' AND service_date = "
                + "(SELECT (now() AT TIME ZONE s.time_zone)::date FROM stations s WHERE s.id = routes.station_id)",
                Map.of("driver", driverId));
    }
}
