/**
 * The outbox relay: moves committed outbox rows to the Redis stream {@code doorstep:events} (or its partitions
 * {@code doorstep:events:{n}}), and reads that stream in consumer groups (at least once; handlers are idempotent).
 */
package dev.doorstep.notifications.relay;
