package dev.doorstep.notifications.push;

/** The events notifications publishes through the outbox (to itself), named by their {@code @EventType}. */
public sealed interface NotificationEvent permits BlockReminderDue {
}
