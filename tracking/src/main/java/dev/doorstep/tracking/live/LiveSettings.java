package dev.doorstep.tracking.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Live streams of positions ({@code doorstep.tracking.live.*}); defaults in application.yml. */
@ConfigurationProperties("doorstep.tracking.live")
public record LiveSettings(Duration heartbeat, int viewerBuffer) {
}
