package dev.doorstep.notifications.push;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health component {@code fcm}: UP in both modes, with detail {@code mode} = {@code fcm} or {@code log-only}. */
@Component
class FcmHealthIndicator implements HealthIndicator {

    private final FcmSender sender;

    FcmHealthIndicator(FcmSender sender) {
        this.sender = sender;
    }

    @Override
    public Health health() {
        return sender.logOnly()
                ? Health.up().withDetail("mode", "log-only")
                        .withDetail("reason", "no doorstep.notifications.fcm.credentials-file; nothing is sent to Google")
                        .build()
                : Health.up().withDetail("mode", "fcm").build();
    }
}
