package dev.doorstep.dispatch.planning;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A station's day as a VRP: visit i is stop i, times are seconds from the local midnight of the day (a day of 23
 * or 25 hours on a daylight-saving change counts as it is), capacity dimensions are packages, millilitres and grams.
 */
record DayProblem(Instant origin, List<StopDraft> stops, List<FleetEntry> fleet, VrpProblem vrp) {

    static DayProblem of(ZoneId zone, double depotLat, double depotLon, List<StopDraft> stops, PlanRequest request,
            double routeCost) {
        Instant origin = request.date().atStartOfDay(zone).toInstant();
        List<VrpVisit> visits = new ArrayList<>(stops.size());
        for (int i = 0; i < stops.size(); i++) {
            StopDraft stop = stops.get(i);
            int count = stop.packages().size();
            double service = request.serviceSecondsPerStop() + (double) request.serviceSecondsPerExtraPackage() * (count - 1);
            visits.add(new VrpVisit(String.valueOf(i), new Point(stop.lon(), stop.lat()),
                    new int[] {count, (int) Math.ceil(stop.volumeLiters() * 1000), (int) Math.ceil(stop.weightKg() * 1000)},
                    service, Math.max(0, seconds(origin, stop.windowFrom())), Math.max(0, seconds(origin, stop.windowTo()))));
        }
        List<VrpVehicleKind> kinds = new ArrayList<>();
        for (FleetEntry entry : request.fleet()) {
            // 08:00 is 7 hours after midnight on the day the clocks spring forward, 9 on the day they fall back.
            double start = seconds(origin, request.date().atTime(entry.shiftStart()).atZone(zone).toInstant());
            kinds.add(new VrpVehicleKind(entry.type(), new int[] {entry.capacityPackages(),
                    (int) Math.floor(entry.volumeLiters() * 1000), (int) Math.floor(entry.weightKg() * 1000)},
                    entry.available(), start, start + entry.maxShiftMinutes() * 60.0));
        }
        VrpProblem vrp = new VrpProblem(new Point(depotLon, depotLat), visits, kinds, routeCost);
        return new DayProblem(origin, stops, List.copyOf(request.fleet()), vrp);
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
}
