package dev.doorstep.api.demo;

import dev.doorstep.simulator.DaySettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code doorstep.demo.*}: a seeded station day with simulated drivers, started after the app is ready
 * ({@code --demo}, {@code --demo.speed=K} on the command line).
 *
 * @param enabled seed and simulate at start-up
 * @param speed how much faster than real time the simulated drivers live
 * @param drivers DSP drivers (and vans), over two DSPs
 * @param flexDrivers Flex drivers, some holding a block
 * @param packagesPerDriver manifest size per DSP driver
 * @param signalLosses drivers whose phone goes silent once
 * @param silentFor how long it stays silent (real time)
 */
@ConfigurationProperties("doorstep.demo")
public record DemoSettings(boolean enabled, double speed, int drivers, int flexDrivers, int packagesPerDriver,
        int signalLosses, Duration silentFor) {

    DaySettings day() {
        return new DaySettings(drivers, flexDrivers, packagesPerDriver, speed, signalLosses, silentFor, 42);
    }
}
