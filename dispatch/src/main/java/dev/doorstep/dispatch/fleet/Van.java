package dev.doorstep.dispatch.fleet;

public record Van(String id, String dspId, String plate, int capacityPackages, double volumeLiters,
        double weightKg, boolean active) {
}
