package dev.doorstep.tracking.live;

import java.time.Instant;

/** Where a driver was at {@code ts}; speed in m/s, heading in degrees, battery 0..1 (optional fields may be null). */
public record Position(String driverId, Instant ts, double lat, double lon, Double accuracy, Double speed,
        Double heading, Double altitude, Double battery) {
}
