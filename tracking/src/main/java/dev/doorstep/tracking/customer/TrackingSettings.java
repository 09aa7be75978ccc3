package dev.doorstep.tracking.customer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Customer tracking ({@code doorstep.tracking.customer.*}); defaults in application.yml.
 *
 * @param visibleWithinStops the driver shows on the map only while the package's stop is at most this many stops away
 * @param etaMargin half-width of the ETA window at the stop itself
 * @param etaMarginPerStop added to the half-width for each stop still before the package's stop
 * @param defaultSpeedKmh speed over straight-line distance when neither pings nor the plan tell one
 * @param roadFactor road distance per straight-line distance
 * @param defaultServiceTime time at a stop when neither the route's done stops nor the plan tell one
 * @param speedSampling how far back pings are read to learn the driver's speed
 * @param refreshEvery how often an open event stream re-reads the package's state besides the driver's moves
 * @param viewMaxAge how long a computed view answers the package's reads before it is computed again (0: always)
 * @param viewMaxEntries how many computed views a node keeps at most
 */
@ConfigurationProperties("doorstep.tracking.customer")
public record TrackingSettings(Integer visibleWithinStops, Duration etaMargin, Duration etaMarginPerStop,
        Double defaultSpeedKmh, Double roadFactor, Duration defaultServiceTime, Duration speedSampling,
        Duration refreshEvery, Duration viewMaxAge, Integer viewMaxEntries) {

    public TrackingSettings {
        visibleWithinStops = visibleWithinStops == null ? 3 : visibleWithinStops;
        etaMargin = etaMargin == null ? Duration.ofMinutes(5) : etaMargin;
        etaMarginPerStop = etaMarginPerStop == null ? Duration.ofMinutes(3) : etaMarginPerStop;
        defaultSpeedKmh = defaultSpeedKmh == null ? 25.0 : defaultSpeedKmh;
        roadFactor = roadFactor == null ? 1.3 : roadFactor;
        defaultServiceTime = defaultServiceTime == null ? Duration.ofMinutes(2) : defaultServiceTime;
        speedSampling = speedSampling == null ? Duration.ofMinutes(10) : speedSampling;
        refreshEvery = refreshEvery == null ? Duration.ofSeconds(5) : refreshEvery;
        viewMaxAge = viewMaxAge == null ? Duration.ofSeconds(1) : viewMaxAge;
        viewMaxEntries = viewMaxEntries == null ? 100_000 : viewMaxEntries;
    }
}
