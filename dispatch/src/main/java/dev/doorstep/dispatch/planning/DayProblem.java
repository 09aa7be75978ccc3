package dev.doorstep.dispatch.planning;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A station's day as a VRP: visit i is stop i, times are seconds from the local midnight of the day (a day of 23
 * or 25 hours on a daylight-saving change counts as it is), capacity dimensions are packages, millilitres and grams.
 */
record DayProblem(Instant origin, List<StopDraft> stops, List<FleetEntry> fleet, VrpProblem vrp) {

    static DayProblem of(ZoneId zone, double depotLat, double depotLon, List<StopDraft> stops, PlanRequest request,
            double routeCost) {
        Instant origin = request.date().atStartOfDay(zone).toInstant();
        String[] groups = StopGroups.of(stops, request.keepTogether());
        List<VrpVisit> visits = new ArrayList<>(stops.size());
        for (int i = 0; i < stops.size(); i++) {
            StopDraft stop = stops.get(i);
            int count = stop.packages().size();
            double service = request.serviceSecondsPerStop() + (double) request.serviceSecondsPerExtraPackage() * (count - 1);
            visits.add(new VrpVisit(String.valueOf(i), new Point(stop.lon(), stop.lat()),
                    new int[] {count, (int) Math.ceil(stop.volumeLiters() * 1000), (int) Math.ceil(stop.weightKg() * 1000)},
                    service, Math.max(0, seconds(origin, stop.windowFrom())), Math.max(0, seconds(origin, stop.windowTo())),
                    groups[i]));
        }
        VrpBreak driverBreak = request.driverBreak() == null ? null : new VrpBreak(
                local(zone, request, origin, request.driverBreak().earliestStart()),
                local(zone, request, origin, request.driverBreak().latestStart()),
                request.driverBreak().minutes() * 60.0);
        List<VrpVehicleKind> kinds = new ArrayList<>();
        for (FleetEntry entry : request.fleet()) {
            // 08:00 is 7 hours after midnight on the day the clocks spring forward, 9 on the day they fall back.
            double start = local(zone, request, origin, entry.shiftStart());
            int minutes = request.maxRouteMinutes() == null ? entry.maxShiftMinutes()
                    : Math.min(entry.maxShiftMinutes(), request.maxRouteMinutes());
            kinds.add(new VrpVehicleKind(entry.type(), new int[] {entry.capacityPackages(),
                    (int) Math.floor(entry.volumeLiters() * 1000), (int) Math.floor(entry.weightKg() * 1000)},
                    entry.available(), start, start + minutes * 60.0, driverBreak));
        }
        VrpProblem vrp = new VrpProblem(new Point(depotLon, depotLat), visits, kinds, routeCost);
        return new DayProblem(origin, stops, List.copyOf(request.fleet()), vrp);
    }

    private static double local(ZoneId zone, PlanRequest request, Instant origin, LocalTime time) {
        return seconds(origin, request.date().atTime(time).atZone(zone).toInstant());
    }

    private static double seconds(Instant origin, Instant at) {
        return origin.until(at, ChronoUnit.MILLIS) / 1000.0;
    }

    Instant at(double seconds) {
        return origin.plusMillis(Math.round(seconds * 1000));
    }

    StopDraft stop(String visitId) {
        return stops.get(Integer.parseInt(visitId));
    }

    /** The group of each stop: stops holding packages of one keep-together group, or of two linked by a stop, share one. */
    static final class StopGroups {

        private StopGroups() {
        }

        static String[] of(List<StopDraft> stops, List<List<String>> keepTogether) {
            String[] groups = new String[stops.size()];
            if (keepTogether.isEmpty()) {
                return groups;
            }
            Map<String, Integer> groupOfPackage = new HashMap<>();
            for (int g = 0; g < keepTogether.size(); g++) {
                for (String trackingId : keepTogether.get(g)) {
                    groupOfPackage.put(trackingId, g);
                }
            }
            int[] parent = new int[keepTogether.size()];
            for (int g = 0; g < parent.length; g++) {
                parent[g] = g;
            }
            int[] stopGroup = new int[stops.size()];
            for (int i = 0; i < stops.size(); i++) {
                stopGroup[i] = -1;
                for (DuePackage p : stops.get(i).packages()) {
                    Integer g = groupOfPackage.get(p.trackingId());
                    if (g != null) {
                        stopGroup[i] = stopGroup[i] < 0 ? g : union(parent, stopGroup[i], g);
                    }
                }
            }
            for (int i = 0; i < stops.size(); i++) {
                groups[i] = stopGroup[i] < 0 ? null : "g" + root(parent, stopGroup[i]);
            }
            return groups;
        }

        private static int union(int[] parent, int a, int b) {
            int ra = root(parent, a);
            int rb = root(parent, b);
            parent[rb] = ra;
            return ra;
        }

        private static int root(int[] parent, int g) {
            while (parent[g] != g) {
                parent[g] = parent[parent[g]];
                g = parent[g];
            }
            return g;
        }
    }
}
