package dev.doorstep.tracking.links;

import java.time.Instant;

/**
 * A package's link as listed: never its token. {@code url} is set only for the open automatic link, whose token
 * the server can derive again; a shipper's link was shown once, when it was made. {@code expiresAt} is null while
 * the package is on its way.
 */
public record LinkSummary(String id, String trackingId, boolean automatic, String url, Instant createdAt,
        Instant expiresAt, Instant revokedAt) {

    boolean open(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    LinkSummary withUrl(String url) {
        return new LinkSummary(id, trackingId, automatic, url, createdAt, expiresAt, revokedAt);
    }
}
