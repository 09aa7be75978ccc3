package dev.doorstep.dispatch.outbox;

import java.time.Instant;

/**
 * The outbox rows not yet relayed to the event stream.
 *
 * @param rows   how many rows wait
 * @param oldest when the oldest of them occurred; null when none waits
 */
public record OutboxBacklog(long rows, Instant oldest) {
}
