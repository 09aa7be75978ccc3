package dev.doorstep.tracking.links;

import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.ids.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Makes, revokes and resolves tracking links. A link works until it is revoked, or until {@code ttlAfterEnd}
 * after its package was delivered or returned. Unknown, revoked and expired tokens fail alike, after the same
 * one lookup by hash, so that neither the answer nor its time tells them apart.
 */
@Component
public class TrackingLinks {

    /** Package states that end the journey: the link's expiry clock starts with the last of these events. */
    static final Set<String> ENDED = Set.of("DELIVERED", "RETURNED_TO_STATION", "RETURNED_TO_SENDER");

    /** When the package reached its current state (the latest event of that status). */
    private static final String ENDED_AT = "(SELECT max(e.at) FROM package_events e "
            + "WHERE e.tracking_id = p.tracking_id AND e.status = p.status)";

    private final DatabaseClient db;
    private final LinkSettings settings;
    private final Clock clock;

    TrackingLinks(DatabaseClient db, LinkSettings settings, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
    }

    /** A new link to the package; the package's own existence is checked (unknown: {@link NotFound}). */
    public Mono<TrackingLink> create(String trackingId) {
        return Mono.fromCallable(LinkTokens::fresh)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(token -> db.sql("WITH link AS (INSERT INTO tracking_links (id, token_hash, tracking_id) "
                                + "SELECT :id, :hash, tracking_id FROM packages WHERE tracking_id = :package "
                                + "RETURNING id, created_at, tracking_id) SELECT link.id, link.created_at, p.status, "
                                + ENDED_AT + " AS ended_at FROM link JOIN packages p ON p.tracking_id = link.tracking_id")
                        .bind("id", Ids.next("trk"))
                        .bind("hash", LinkTokens.hash(token))
                        .bind("package", trackingId)
                        .map(r -> new TrackingLink(r.get("id", String.class), trackingId, token,
                                r.get("created_at", OffsetDateTime.class).toInstant(),
                                expiry(r.get("status", String.class), r.get("ended_at", OffsetDateTime.class))))
                        .one())
                .switchIfEmpty(Mono.error(() -> new NotFound("package", trackingId)));
    }

    /** Revokes the package's link for good; a link of another package, or an unknown one, is {@link NotFound}. */
    public Mono<Void> revoke(String trackingId, String linkId) {
        return db.sql("UPDATE tracking_links SET revoked_at = coalesce(revoked_at, now()) "
                        + "WHERE id = :id AND tracking_id = :package")
                .bind("id", linkId)
                .bind("package", trackingId)
                .fetch().rowsUpdated()
                .flatMap(n -> n == 1 ? Mono.<Void>empty() : Mono.error(new NotFound("tracking link", linkId)));
    }

    /** The package the token opens; {@link NotFound} for an unknown, revoked or expired token alike. */
    public Mono<String> resolve(String token) {
        return db.sql("SELECT l.tracking_id, l.revoked_at, l.expires_at, p.status, " + ENDED_AT + " AS ended_at "
                        + "FROM tracking_links l JOIN packages p ON p.tracking_id = l.tracking_id "
                        + "WHERE l.token_hash = :hash")
                .bind("hash", LinkTokens.hash(token == null ? "" : token))
                .map(r -> new Row(r.get("tracking_id", String.class), r.get("revoked_at", OffsetDateTime.class),
                        r.get("expires_at", OffsetDateTime.class), r.get("status", String.class),
                        r.get("ended_at", OffsetDateTime.class)))
                .one()
                .filter(this::open)
                .map(Row::trackingId)
                .switchIfEmpty(Mono.error(TrackingLinks::unknown));
    }

    private boolean open(Row row) {
        Instant now = clock.instant();
        Instant ends = expiry(row.status(), row.endedAt());
        return row.revokedAt() == null
                && (row.expiresAt() == null || row.expiresAt().toInstant().isAfter(now))
                && (ends == null || ends.isAfter(now));
    }

    private static NotFound unknown() {
        return new NotFound("tracking", "link");
    }

    /** When a link of a package in this state, reached at {@code endedAt}, stops working; null while under way. */
    private Instant expiry(String status, OffsetDateTime endedAt) {
        return ENDED.contains(status) && endedAt != null ? endedAt.toInstant().plus(settings.ttlAfterEnd()) : null;
    }

    private record Row(String trackingId, OffsetDateTime revokedAt, OffsetDateTime expiresAt, String status,
            OffsetDateTime endedAt) {
    }
}
