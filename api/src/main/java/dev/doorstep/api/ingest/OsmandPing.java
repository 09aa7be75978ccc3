package dev.doorstep.api.ingest;

import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.tracking.ingest.PingDraft;
import dev.doorstep.tracking.ingest.PingEntry;
import java.time.Instant;

/**
 * Reads the OsmAnd parameters into a ping as Traccar's OsmAnd decoder does: {@code lat}/{@code lon} or
 * {@code location=lat,lon}, {@code timestamp} (see {@link DeviceTimes}; none means the arrival time), speed
 * in knots, {@code bearing} or {@code heading}, {@code batt} in %. Every other parameter ({@code hdop},
 * {@code charge}, {@code cell}, {@code wifi}, ...) is accepted and not stored.
 */
record OsmandPing(DeviceParams params) {

    private static final double METRES_PER_SECOND_PER_KNOT = 1852.0 / 3600;

    PingEntry entry(Instant arrival) {
        try {
            Double lat = params.number("lat");
            Double lon = params.number("lon");
            String location = params.text("location");
            if (location != null) {
                double[] latLon = latLon(location);
                lat = latLon[0];
                lon = latLon[1];
            }
            Instant ts = params.time("timestamp");
            Double speedKnots = params.number("speed");
            Double bearing = params.number("bearing");
            return PingEntry.of(new PingDraft(ts == null ? arrival : ts, lat, lon, params.number("accuracy"),
                    speedKnots == null ? null : speedKnots * METRES_PER_SECOND_PER_KNOT,
                    bearing == null ? params.number("heading") : bearing, params.number("altitude"),
                    DeviceParams.percentToFraction(params.number("batt"))));
        } catch (DeviceParams.Unreadable e) {
            return PingEntry.unreadable(new FieldError(e.field(), "is not readable"));
        }
    }

    private static double[] latLon(String location) {
        String[] parts = location.split(",");
        try {
            if (parts.length == 2) {
                return new double[] {Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // Falls through to the same answer as a wrong number of parts.
        }
        throw new DeviceParams.Unreadable("location");
    }
}
