package dev.doorstep.tracking.live;

/** A driver whose latest position is within the asked radius, nearest first. */
public record NearbyDriver(String driverId, double lat, double lon, double distanceM) {
}
