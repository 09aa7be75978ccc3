package dev.doorstep.notifications.push;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * What one event makes us push: the messages, and a check whether they still matter (checked before the
 * first attempt and before each retry; a stale notice is dropped, such as a reminder after the block started).
 */
record Notice(long eventId, String eventType, Instant occurredAt, List<Push> pushes, Supplier<Mono<Boolean>> stale) {
}
