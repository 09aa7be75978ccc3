package dev.doorstep.dispatch.planning;

/** Distances and travel times between the points of a problem; index 0 is the depot, i + 1 the i-th visit. */
public interface TravelMatrix {

    double meters(int from, int to);

    /** Travel time for the vehicle kind at {@code kind} (its index in the problem). */
    double seconds(int kind, int from, int to);

    /** Where this matrix came from, for the plan to say (for example a fallback). */
    default String source() {
        return "computed";
    }
}
