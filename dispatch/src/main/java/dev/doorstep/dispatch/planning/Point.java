package dev.doorstep.dispatch.planning;

/** A position on a plane the solver only uses to split large problems: (lon, lat) or Solomon's (x, y). */
public record Point(double x, double y) {
}
