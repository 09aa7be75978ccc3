package dev.doorstep.api.support;

import dev.doorstep.dispatch.geo.Distances;
import dev.doorstep.dispatch.geo.GeoPoint;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks a plan as returned by the API against the packages that went in, without any planner code: every
 * package once, capacity, every package's own window, travel time between stops, shift start and length.
 */
public final class PlanFeasibility {

    public record Pkg(String trackingId, double lat, double lon, OffsetDateTime from, OffsetDateTime to, double weightKg,
            double liters) {
    }

    public record Fleet(int capacityPackages, double liters, double kg, int available, OffsetDateTime shiftStart,
            Duration maxShift, double metersPerSecond) {
    }

    private PlanFeasibility() {
    }

    /** Returns every violation found; empty when the plan is feasible. */
    public static List<String> violations(Map<?, ?> plan, Map<String, Pkg> packages, GeoPoint station, Fleet fleet,
            double roadFactor) {
        return violations(plan, packages, station, type -> fleet, roadFactor);
    }

    /** The same for a fleet of several vehicle types: each route is checked against its own type's. */
    public static List<String> violations(Map<?, ?> plan, Map<String, Pkg> packages, GeoPoint station,
            Function<String, Fleet> fleetOfType, double roadFactor) {
        List<String> found = new ArrayList<>();
        Map<String, Integer> served = new HashMap<>();
        List<?> routes = (List<?>) plan.get("routes");
        Map<Fleet, Integer> routesOfFleet = new IdentityHashMap<>();
        for (Object r : routes) {
            routesOfFleet.merge(fleetOfType.apply((String) ((Map<?, ?>) r).get("vehicleType")), 1, Integer::sum);
        }
        routesOfFleet.forEach((fleet, count) -> {
            if (count > fleet.available()) {
                found.add(count + " routes for " + fleet.available() + " vehicles");
            }
        });
        for (Object r : routes) {
            Map<?, ?> route = (Map<?, ?>) r;
            String id = (String) route.get("id");
            Fleet fleet = fleetOfType.apply((String) route.get("vehicleType"));
            OffsetDateTime start = OffsetDateTime.parse((String) route.get("plannedStart"));
            OffsetDateTime end = OffsetDateTime.parse((String) route.get("plannedEnd"));
            if (start.isBefore(fleet.shiftStart())) {
                found.add(id + " starts before the shift");
            }
            if (Duration.between(fleet.shiftStart(), end).compareTo(fleet.maxShift()) > 0) {
                found.add(id + " ends after the shift's maximum length");
            }
            int count = 0;
            double liters = 0;
            double kg = 0;
            GeoPoint previous = station;
            OffsetDateTime free = start;
            for (Object s : (List<?>) route.get("stops")) {
                Map<?, ?> stop = (Map<?, ?>) s;
                Map<?, ?> location = (Map<?, ?>) stop.get("location");
                GeoPoint here = new GeoPoint(((Number) location.get("lat")).doubleValue(),
                        ((Number) location.get("lon")).doubleValue());
                OffsetDateTime arrival = OffsetDateTime.parse((String) stop.get("plannedArrival"));
                double drive = Distances.meters(previous, here) * roadFactor / fleet.metersPerSecond();
                if (arrival.isBefore(free.plusSeconds((long) Math.floor(drive) - 1))) {
                    found.add(stop.get("id") + " reached faster than driving allows");
                }
                OffsetDateTime serviceStart = arrival;
                for (Object t : (List<?>) stop.get("trackingIds")) {
                    Pkg p = packages.get((String) t);
                    if (p == null) {
                        found.add(stop.get("id") + " serves unknown package " + t);
                        continue;
                    }
                    served.merge(p.trackingId(), 1, Integer::sum);
                    count++;
                    liters += p.liters();
                    kg += p.weightKg();
                    if (Distances.meters(here, new GeoPoint(p.lat(), p.lon())) > 5) {
                        found.add(p.trackingId() + " delivered away from its address");
                    }
                    if (p.from().isAfter(serviceStart)) {
                        serviceStart = p.from();
                    }
                }
                for (Object t : (List<?>) stop.get("trackingIds")) {
                    Pkg p = packages.get((String) t);
                    if (p != null && serviceStart.isAfter(p.to())) {
                        found.add(p.trackingId() + " served at " + serviceStart + " after its window " + p.to());
                    }
                }
                free = OffsetDateTime.parse((String) stop.get("plannedDeparture"));
                previous = here;
            }
            if (count > fleet.capacityPackages() || liters > fleet.liters() + 1e-6 || kg > fleet.kg() + 1e-6) {
                found.add(id + " carries " + count + " packages, " + liters + " L, " + kg + " kg: over capacity");
            }
        }
        List<?> unplanned = (List<?>) plan.get("unplannedPackages");
        for (String trackingId : packages.keySet()) {
            int times = served.getOrDefault(trackingId, 0);
            if (times != 1 && !(times == 0 && unplanned.contains(trackingId))) {
                found.add(trackingId + " served " + times + " times");
            }
        }
        return found;
    }
}
