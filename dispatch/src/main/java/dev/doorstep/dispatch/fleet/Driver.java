package dev.doorstep.dispatch.fleet;

public record Driver(String id, String name, DriverKind kind, String dspId, String homeStationId, String phone,
        String locale, boolean active) {
}
