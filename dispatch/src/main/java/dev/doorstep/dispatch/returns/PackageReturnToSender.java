package dev.doorstep.dispatch.returns;

/** Outbox event: a package goes back to its shipper; {@code why} is the last attempt's reason or MAX_ATTEMPTS. */
public record PackageReturnToSender(String trackingId, String stationId, int attempts, String why) {
}
