package dev.doorstep.tracking.exceptions;

import java.time.Instant;

/**
 * A condition found true by one check: what would open an exception. {@code subject} is what at most one open
 * exception of the kind is about: the route, or the stop for FAR_FROM_ADDRESS.
 */
record Condition(ExceptionKind kind, String subject, String dspId, String driverId, String routeId, String stopId,
        Instant startedAt, String detail, Double lat, Double lon) {

    String key() {
        return key(kind.name(), subject);
    }

    static String key(String kind, String subject) {
        return kind + "|" + subject;
    }
}
