package dev.doorstep.dispatch.planning;

/** A vehicle type: capacity per dimension, how many are available, and the shift every such vehicle works. */
public record VrpVehicleKind(String id, int[] capacity, int count, double shiftStart, double shiftEnd) {
}
