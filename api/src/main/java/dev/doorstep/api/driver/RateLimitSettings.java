package dev.doorstep.api.driver;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The anti-bot budget of each driver for offer polling and claims, shared by every app node through Redis.
 *
 * @param burst requests a driver may make at once after a quiet spell
 * @param refillEvery one more request is allowed per this much time: the sustained rate
 */
@ConfigurationProperties("doorstep.api.driver-rate-limit")
public record RateLimitSettings(Integer burst, Duration refillEvery) {

    public RateLimitSettings {
        burst = burst == null ? 5 : burst;
        refillEvery = refillEvery == null ? Duration.ofSeconds(2) : refillEvery;
    }
}
