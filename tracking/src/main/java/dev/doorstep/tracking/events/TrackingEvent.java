package dev.doorstep.tracking.events;

/** The events tracking publishes through the outbox, one record each, named by their {@code @EventType}. */
public sealed interface TrackingEvent permits TrackingSilent {
}
