package dev.doorstep.notifications.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the pipeline's bookkeeping is kept ({@code doorstep.notifications.retention.*}; defaults in
 * application.yml).
 *
 * @param every    pause between clean-ups
 * @param outbox   relayed outbox rows are deleted this long after they were relayed
 * @param sends    finished send records (and ARRIVING marks) are deleted this long after they finished; keep it
 *                 longer than a stream entry can stay pending, or a very late redelivery could push again
 * @param batch    rows deleted per statement
 */
@ConfigurationProperties("doorstep.notifications.retention")
public record RetentionSettings(Duration every, Duration outbox, Duration sends, int batch) {
}
