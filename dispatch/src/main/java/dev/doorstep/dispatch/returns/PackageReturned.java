package dev.doorstep.dispatch.returns;

/** Outbox event: a package the driver brought back was scanned at its station; {@code next} says what follows. */
public record PackageReturned(String trackingId, String stationId, int attempts, ReturnOutcome next) {
}
