package dev.doorstep.tracking.live;

import java.time.Instant;

/** One stored ping of a trail; {@code flagged} when it implied an impossible speed and never became live. */
public record TrailPoint(Instant ts, double lat, double lon, Double accuracy, Double speed, Double heading,
        Double altitude, Double battery, boolean flagged) {
}
