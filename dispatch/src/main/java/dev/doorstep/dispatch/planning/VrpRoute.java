package dev.doorstep.dispatch.planning;

import java.util.List;

/**
 * One vehicle's tour from the depot and back: its stops in order, start and end times, distance driven, and when
 * the driver's break starts and ends (NaN when the route takes none).
 */
public record VrpRoute(String kindId, List<VrpStop> stops, double start, double end, double meters, double drivingSeconds,
        double breakStart, double breakEnd) {

    public VrpRoute {
        stops = List.copyOf(stops);
    }

    public VrpRoute(String kindId, List<VrpStop> stops, double start, double end, double meters, double drivingSeconds) {
        this(kindId, stops, start, end, meters, drivingSeconds, Double.NaN, Double.NaN);
    }

    public boolean takesBreak() {
        return !Double.isNaN(breakStart);
    }
}
