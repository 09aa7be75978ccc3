package dev.doorstep.dispatch.planning;

/**
 * A vehicle type: capacity per dimension, how many are available, the shift every such vehicle works, and the
 * driver's break within it (null: none).
 */
public record VrpVehicleKind(String id, int[] capacity, int count, double shiftStart, double shiftEnd,
        VrpBreak driverBreak) {

    public VrpVehicleKind(String id, int[] capacity, int count, double shiftStart, double shiftEnd) {
        this(id, capacity, count, shiftStart, shiftEnd, null);
    }

    /** The same kind with another number of vehicles (a share of the fleet for part of a problem). */
    public VrpVehicleKind withCount(int count) {
        return new VrpVehicleKind(id, capacity, count, shiftStart, shiftEnd, driverBreak);
    }
}
