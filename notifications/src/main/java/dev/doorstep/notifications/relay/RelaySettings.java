package dev.doorstep.notifications.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled       whether this node relays the outbox to the stream
 * @param interval      pause between relay rounds when the outbox is empty
 * @param batchSize     outbox rows moved per transaction
 * @param stream        the Redis stream key
 * @param streamMaxLen  approximate number of entries the stream keeps (older ones are trimmed)
 */
@ConfigurationProperties("doorstep.notifications.relay")
public record RelaySettings(boolean enabled, Duration interval, int batchSize, String stream, long streamMaxLen) {
}
