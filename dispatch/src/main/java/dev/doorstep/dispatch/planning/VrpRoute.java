package dev.doorstep.dispatch.planning;

import java.util.List;

/** One vehicle's tour from the depot and back: its stops in order, start and end times, distance driven. */
public record VrpRoute(String kindId, List<VrpStop> stops, double start, double end, double meters, double drivingSeconds) {

    public VrpRoute {
        stops = List.copyOf(stops);
    }
}
