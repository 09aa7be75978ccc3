package dev.doorstep.api.tracking;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The budget of each client address on the public tracking API, shared by every app node through Redis.
 *
 * @param burst requests an address may make at once after a quiet spell
 * @param refillEvery one more request is allowed per this much time: the sustained rate
 * @param trustedProxies addresses or CIDR blocks of the reverse proxies in front of the app, whose
 *     {@code X-Forwarded-For} names the client; empty trusts no one and budgets the direct peer
 */
@ConfigurationProperties("doorstep.api.track-rate-limit")
public record TrackRateLimitSettings(Integer burst, Duration refillEvery, List<String> trustedProxies) {

    public TrackRateLimitSettings {
        burst = burst == null ? 30 : burst;
        refillEvery = refillEvery == null ? Duration.ofSeconds(1) : refillEvery;
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().filter(proxy -> !proxy.isBlank()).toList();
    }
}
