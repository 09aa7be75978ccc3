package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.geo.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Re-optimises the rest of one route with the planner's solver: one vehicle leaving the last place its driver
 * reached (or the station) at a given time, serving the open stops within their windows and returning to the
 * station before the shift ends, least driving time first.
 */
@Component
public class Resequencer {

    private final PlanningSettings settings;
    private final VrpSolver solver = new VrpSolver(Integer.MAX_VALUE, 1);

    Resequencer(PlanningSettings settings) {
        this.settings = settings;
    }

    /**
     * Blocking and CPU-bound for up to {@code budget}: call it off the event loop. {@code visited} are the
     * places already reached in order (empty: the route starts at the station at {@code departAt}).
     */
    public Resequenced order(String vehicleType, GeoPoint station, List<GeoPoint> visited, Instant departAt,
            Instant latestEnd, List<OpenStop> stops, Duration budget) {
        TravelTimes travel = settings.travelTimes(List.of(vehicleType));
        GeoPoint from = visited.isEmpty() ? station : visited.get(visited.size() - 1);
        double before = pathMeters(travel, station, visited);
        if (stops.isEmpty()) {
            TravelMatrix back = travel.between(List.of(point(from), point(station)));
            return new Resequenced(List.of(), at(departAt, back.seconds(0, 0, 1)), before + back.meters(0, 1), List.of());
        }
        double horizon = seconds(departAt, latestEnd);
        if (horizon <= 0) {
            // The shift is over before the van could leave: no stop can be placed, and no solver may be asked.
            return new Resequenced(List.of(), departAt, before, stops.stream().map(OpenStop::id).toList());
        }
        List<VrpVisit> visits = new ArrayList<>(stops.size());
        List<String> late = new ArrayList<>();
        for (OpenStop stop : stops) {
            double open = stop.windowFrom() == null ? 0 : Math.max(0, seconds(departAt, stop.windowFrom()));
            double close = stop.windowTo() == null ? horizon : Math.min(horizon, seconds(departAt, stop.windowTo()));
            if (close < open) {
                // Its window closes before the van could leave or after the shift ends: no solver can place it.
                late.add(stop.id());
            } else {
                visits.add(new VrpVisit(stop.id(), point(stop.location()), new int[] {1}, stop.serviceSeconds(), open,
                        close));
            }
        }
        if (visits.isEmpty()) {
            return new Resequenced(List.of(), departAt, before, late);
        }
        VrpProblem problem = new VrpProblem(point(from), visits,
                List.of(new VrpVehicleKind(vehicleType, new int[] {stops.size()}, 1, 0, horizon)), 0, point(station));
        VrpSolution solution = solver.solve(problem, travel, budget);
        List<Resequenced.TimedStop> ordered = new ArrayList<>();
        Instant end = departAt;
        double meters = before;
        for (VrpRoute route : solution.routes()) {
            for (VrpStop stop : route.stops()) {
                ordered.add(new Resequenced.TimedStop(stop.visitId(), at(departAt, stop.arrival()),
                        at(departAt, stop.departure())));
            }
            end = at(departAt, route.end());
            meters += route.meters();
        }
        List<String> unplaced = new ArrayList<>(late);
        unplaced.addAll(solution.unassigned());
        return new Resequenced(ordered, end, meters, unplaced);
    }

    private static double pathMeters(TravelTimes travel, GeoPoint station, List<GeoPoint> visited) {
        if (visited.isEmpty()) {
            return 0;
        }
        List<Point> points = new ArrayList<>();
        points.add(point(station));
        visited.forEach(p -> points.add(point(p)));
        TravelMatrix matrix = travel.between(points);
        double meters = 0;
        for (int i = 1; i < points.size(); i++) {
            meters += matrix.meters(i - 1, i);
        }
        return meters;
    }

    private static Point point(GeoPoint p) {
        return new Point(p.lon(), p.lat());
    }

    private static double seconds(Instant origin, Instant at) {
        return origin.until(at, ChronoUnit.MILLIS) / 1000.0;
    }

    private static Instant at(Instant origin, double seconds) {
        return origin.plusMillis(Math.round(seconds * 1000));
    }
}
