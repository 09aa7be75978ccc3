package dev.doorstep.bench;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;
import tools.jackson.databind.JsonNode;

/**
 * The plan-scale checker, independent of the planner: it knows the packages from the bench's own manifest (not
 * from the plan), and drives every route again in its own timeline at the model the plan was asked to use (WGS84
 * geodesic distance times the road factor, at the van's speed), starting at the route's planned start. It counts
 * packages served twice or never, stops not at their packages' places, loads over capacity (packages, litres,
 * kilograms), service starting outside a package's window, and routes back after the shift's end.
 */
final class PlanScaleCheck {

    /** The app's defaults (application.yml): road factor and the speed of a vehicle type not listed. */
    static final double ROAD_FACTOR = 1.3;
    static final double METERS_PER_SECOND = 30 / 3.6;
    /** Slack for rounding (the planner's float matrix, times in whole milliseconds), per route. */
    private static final double SLACK_SECONDS = 1;

    /** A package as the bench imported it. */
    record Parcel(double lat, double lon, OffsetDateTime from, OffsetDateTime to, double kg, double liters) {
    }

    /** The van of the plan request. */
    record Van(int packages, double liters, double kg, OffsetDateTime shiftStart, int shiftMinutes,
            int serviceSecondsPerStop, int serviceSecondsPerExtraPackage) {
    }

    int routes;
    int stops;
    double meters;
    int twice;
    int notServed;
    int unplanned;
    int misplaced;
    int overCapacity;
    int outsideWindow;
    int overShift;
    int unknown;

    static PlanScaleCheck of(JsonNode plan, Map<String, Parcel> parcels, Van van, double depotLat, double depotLon) {
        PlanScaleCheck check = new PlanScaleCheck();
        Map<String, Integer> served = new HashMap<>();
        for (JsonNode id : plan.get("unplannedPackages")) {
            served.merge(id.asString(), 1, Integer::sum);
            check.unplanned++;
        }
        for (JsonNode route : plan.get("routes")) {
            check.routes++;
            check.route(route, parcels, van, depotLat, depotLon, served);
        }
        for (String id : parcels.keySet()) {
            int times = served.getOrDefault(id, 0);
            check.notServed += times == 0 ? 1 : 0;
            check.twice += times > 1 ? 1 : 0;
        }
        check.unknown = (int) served.keySet().stream().filter(id -> !parcels.containsKey(id)).count();
        return check;
    }

    private void route(JsonNode route, Map<String, Parcel> parcels, Van van, double depotLat, double depotLon,
            Map<String, Integer> served) {
        OffsetDateTime start = OffsetDateTime.parse(route.get("plannedStart").asString());
        OffsetDateTime shiftEnd = van.shiftStart().plusMinutes(van.shiftMinutes());
        if (start.isBefore(van.shiftStart())) {
            overShift++;
        }
        double t = 0; // seconds after the planned start
        double lat = depotLat;
        double lon = depotLon;
        int load = 0;
        double liters = 0;
        double kg = 0;
        boolean late = false;
        for (JsonNode stop : route.get("stops")) {
            stops++;
            double stopLat = stop.get("location").get("lat").asDouble();
            double stopLon = stop.get("location").get("lon").asDouble();
            t += drive(lat, lon, stopLat, stopLon);
            lat = stopLat;
            lon = stopLon;
            double opens = 0;
            double closes = Double.MAX_VALUE;
            int count = 0;
            for (JsonNode id : stop.get("trackingIds")) {
                String trackingId = id.asString();
                served.merge(trackingId, 1, Integer::sum);
                Parcel parcel = parcels.get(trackingId);
                count++;
                if (parcel == null) {
                    continue;
                }
                if (Math.abs(parcel.lat() - stopLat) > 1e-5 || Math.abs(parcel.lon() - stopLon) > 1e-5) {
                    misplaced++;
                }
                opens = Math.max(opens, seconds(start, parcel.from()));
                closes = Math.min(closes, seconds(start, parcel.to()));
                liters += parcel.liters();
                kg += parcel.kg();
            }
            load += count;
            double serviceStart = Math.max(t, opens);
            late |= serviceStart > closes + SLACK_SECONDS;
            t = serviceStart + van.serviceSecondsPerStop() + (double) van.serviceSecondsPerExtraPackage() * (count - 1);
        }
        t += drive(lat, lon, depotLat, depotLon);
        outsideWindow += late ? 1 : 0;
        overShift += t > seconds(start, shiftEnd) + SLACK_SECONDS ? 1 : 0;
        overCapacity += load > van.packages() || liters > van.liters() || kg > van.kg() ? 1 : 0;
        meters += route.get("distanceMeters").asDouble();
    }

    private static double drive(double lat1, double lon1, double lat2, double lon2) {
        return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, GeodesicMask.DISTANCE).s12 * ROAD_FACTOR
                / METERS_PER_SECOND;
    }

    private static double seconds(OffsetDateTime from, OffsetDateTime to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** Everything the plan breaks, 0 when nothing. */
    int violations() {
        return twice + notServed + misplaced + overCapacity + outsideWindow + overShift + unknown;
    }

    String summary() {
        return String.format(Locale.ROOT, "%d routes, %d stops, %.0f km; unplanned %d, served twice %d, not served %d, "
                        + "misplaced %d, unknown %d, over capacity %d, outside a window %d, over shift %d",
                routes, stops, meters / 1000, unplanned, twice, notServed, misplaced, unknown, overCapacity,
                outsideWindow, overShift);
    }
}
