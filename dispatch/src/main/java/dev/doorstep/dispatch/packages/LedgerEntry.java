package dev.doorstep.dispatch.packages;

import java.time.OffsetDateTime;

/**
 * A package as the ledger holds it for a change that must not overwrite another: where it is in the machine, its
 * version and stop, and what a route needs to carry it.
 */
public record LedgerEntry(String trackingId, String stationId, PackageKind kind, PackageStatus status, int version,
        String stopId, String address, double lat, double lon, OffsetDateTime windowFrom, OffsetDateTime windowTo,
        double weightKg, double liters) {
}
