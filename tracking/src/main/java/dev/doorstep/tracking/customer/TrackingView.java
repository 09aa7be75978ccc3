package dev.doorstep.tracking.customer;

import java.time.Instant;
import java.util.List;

/**
 * Everything a customer sees of their package. {@code driver} is null unless the package's stop is close and the
 * route in progress; {@code eta} and {@code stopsAway} are null unless the package is out for delivery;
 * {@code delivered} is null until it is delivered. {@code timeZone} is the station's (IANA id): the customer sees
 * times there, whatever the browser's zone.
 */
public record TrackingView(String trackingId, String status, List<Step> timeline, Window deliveryWindow,
        String timeZone, Point destination, EtaWindow eta, Integer stopsAway, String driverFirstName, DriverPosition driver,
        Delivered delivered, boolean ended) {

    public record Step(String status, Instant at) {
    }

    public record Window(Instant from, Instant to) {
    }

    public record Point(double lat, double lon) {
    }

    public record DriverPosition(double lat, double lon, Double heading, Instant at) {
    }

    public record Delivered(Instant at, String place, boolean photo) {
    }
}
