package dev.doorstep.api.support;

import java.util.List;

/** A published DSP route, assigned to a new driver with a van and started: its stops in route order. */
public record StartedRoute(String ops, String station, String dsp, String routeId, String driverId,
        String driverToken, List<DeliveryFixture.Stop> stops) {
}
