package dev.doorstep.dispatch.planning;

/**
 * One place to serve: its load in each capacity dimension, the service time there and the window in which
 * service must start, in seconds from the plan's origin. Visits of one {@code group} (null: none) go on one route.
 */
public record VrpVisit(String id, Point point, int[] size, double serviceSeconds, double windowFrom, double windowTo,
        String group) {

    public VrpVisit(String id, Point point, int[] size, double serviceSeconds, double windowFrom, double windowTo) {
        this(id, point, size, serviceSeconds, windowFrom, windowTo, null);
    }
}
