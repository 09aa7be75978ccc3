package dev.doorstep.tracking.ingest;

import java.time.Instant;

/** A ping as a device sent it: ts, lat and lon required; speed in m/s, heading in degrees, battery 0..1. */
public record PingDraft(Instant ts, Double lat, Double lon, Double accuracy, Double speed, Double heading,
        Double altitude, Double battery) {
}
