package dev.doorstep.api.tracking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The budget of each client address on the public tracking API, shared by every app node through Redis.
 *
 * @param burst requests an address may make at once after a quiet spell
 * @param refillEvery one more request is allowed per this much time: the sustained rate
 */
@ConfigurationProperties("doorstep.api.track-rate-limit")
public record TrackRateLimitSettings(Integer burst, Duration refillEvery) {

    public TrackRateLimitSettings {
        burst = burst == null ? 30 : burst;
        refillEvery = refillEvery == null ? Duration.ofSeconds(1) : refillEvery;
    }
}
