package dev.doorstep.dispatch.planning;

import java.time.Instant;
import java.util.List;

/**
 * The remaining stops of a route in their new order with their planned times, when the route is back at the
 * station, its whole distance (stops already visited included), and the stops that no longer fit.
 */
public record Resequenced(List<TimedStop> stops, Instant end, double meters, List<String> unplaced) {

    public Resequenced {
        stops = List.copyOf(stops);
        unplaced = List.copyOf(unplaced);
    }

    /** A stop's planned arrival and departure. */
    public record TimedStop(String id, Instant arrival, Instant departure) {
    }
}
