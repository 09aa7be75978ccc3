package dev.doorstep.dispatch.planning;

import java.util.List;

/** Builds the travel matrix between points, depot first; asked once per (sub)problem. */
@FunctionalInterface
public interface TravelTimes {

    TravelMatrix between(List<Point> points);
}
