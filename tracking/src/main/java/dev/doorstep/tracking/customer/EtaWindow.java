package dev.doorstep.tracking.customer;

import java.time.Instant;

/** When the driver is expected at the package's stop: {@code from <= eta <= to}. */
public record EtaWindow(Instant from, Instant eta, Instant to) {
}
