package dev.doorstep.tracking.links;

import java.time.Instant;

/**
 * A link just made: the only time its {@code token} exists outside the customer's hands. {@code expiresAt} is null
 * while the package is on its way (the link then lasts until some time after delivery or return).
 */
public record TrackingLink(String id, String trackingId, String token, Instant createdAt, Instant expiresAt) {
}
