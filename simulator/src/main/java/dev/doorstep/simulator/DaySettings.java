package dev.doorstep.simulator;

import java.time.Duration;

/**
 * The size and pace of a simulated station day.
 *
 * @param drivers DSP drivers (and vans), split over two DSPs
 * @param flexDrivers Flex drivers; as many blocks plus two are offered, and half of the drivers claim one
 * @param packagesPerDriver packages in the manifest per DSP driver (a few more are customer returns to pick up)
 * @param speed how much faster than real time the drivers live (driving stays under 200 km/h so no ping is flagged)
 * @param signalLosses drivers whose phone goes silent once, for {@code silentFor}, then uploads what it kept
 * @param silentFor how long a silent phone keeps its pings (real time: the app's NO_PINGS runs on the real clock)
 * @param seed seeds names, addresses and outcomes, so the same settings give the same world
 */
public record DaySettings(int drivers, int flexDrivers, int packagesPerDriver, double speed, int signalLosses,
        Duration silentFor, long seed) {

    public DaySettings {
        if (drivers < 2 || speed <= 0 || packagesPerDriver < 1) {
            throw new IllegalArgumentException("at least 2 drivers, 1 package each and a positive speed");
        }
    }

    /** The demo's world: about 20 drivers, a few hundred packages, 4 Flex drivers, two silent phones. */
    public static DaySettings demo() {
        return new DaySettings(20, 4, 15, 1, 2, Duration.ofMinutes(6), 42);
    }
}
