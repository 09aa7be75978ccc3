package dev.doorstep.tracking.links;

import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.planning.PlannedRoutes;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Makes, revokes and resolves tracking links. A link works until it is revoked, or until {@code ttlAfterEnd}
 * after its package was delivered or returned. Unknown, revoked and expired tokens fail alike, after the same
 * one lookup by hash, so that neither the answer nor its time tells them apart.
 *
 * <p>Besides the links a shipper asks for (random tokens, handed out once), every package gets one automatic link
 * when it goes out for delivery: its token is derived with the {@link LinkSecret}, so the customer pushes can
 * carry it without the token ever being stored.
 */
@Component
public class TrackingLinks {

    /** Package states that end the journey: the link's expiry clock starts with the last of these events. */
    static final Set<String> ENDED = Set.of("DELIVERED", "RETURNED_TO_STATION", "RETURNED_TO_SENDER");

    /** When the package reached its current state (the latest event of that status). */
    private static final String ENDED_AT = "(SELECT max(e.at) FROM package_events e "
            + "WHERE e.tracking_id = p.tracking_id AND e.status = p.status)";

    private static final String INSERT_AUTOMATIC = "INSERT INTO tracking_links (id, token_hash, tracking_id, automatic) "
            + "SELECT x.id, decode(x.hash, 'hex'), p.tracking_id, true "
            + "FROM unnest(:ids::text[], :hashes::text[], :packages::text[]) AS x(id, hash, package) "
            + "JOIN packages p ON p.tracking_id = x.package ON CONFLICT DO NOTHING";

    private final DatabaseClient db;
    private final LinkSettings settings;
    private final Clock clock;
    private final LinkSecret secret;
    private final TrackingPages pages;
    private final PlannedRoutes routes;

    TrackingLinks(DatabaseClient db, LinkSettings settings, Clock clock, LinkSecret secret, TrackingPages pages,
            PlannedRoutes routes) {
        this.db = db;
        this.routes = routes;
        this.settings = settings;
        this.clock = clock;
        this.secret = secret;
        this.pages = pages;
    }

    /**
     * Gives each package of the route that is out for delivery its automatic link, once per package (a link
     * revoked before stays revoked). Returns how many links were new.
     */
    public Mono<Long> issueAtDeparture(String routeId) {
        return routes.outForDelivery(routeId).collectList().flatMap(this::issueAutomatic);
    }

    /**
     * The tracking page URL of the package's automatic link, made now if the package has none yet; empty when
     * that link was revoked or has expired, or the package is unknown.
     */
    public Mono<String> automaticUrl(String trackingId) {
        return Mono.fromCallable(() -> secret.tokenFor(trackingId)).subscribeOn(Schedulers.boundedElastic())
                .flatMap(token -> insertAutomatic(List.of(trackingId), List.of(token))
                        .then(resolve(token))
                        .thenReturn(pages.url(token)))
                .onErrorResume(NotFound.class, e -> Mono.empty());
    }

    /** The package's links, newest first, without tokens (only the automatic one's URL can be named again). */
    public Flux<LinkSummary> list(String trackingId) {
        return db.sql("SELECT l.id, l.automatic, l.created_at, l.expires_at, l.revoked_at, p.status, " + ENDED_AT
                        + " AS ended_at FROM packages p LEFT JOIN tracking_links l ON l.tracking_id = p.tracking_id "
                        + "WHERE p.tracking_id = :package ORDER BY l.created_at DESC, l.id")
                .bind("package", trackingId)
                .map(r -> {
                    String id = r.get("id", String.class);
                    if (id == null) {
                        return new LinkSummary(null, trackingId, false, null, null, null, null);
                    }
                    OffsetDateTime revoked = r.get("revoked_at", OffsetDateTime.class);
                    OffsetDateTime expires = r.get("expires_at", OffsetDateTime.class);
                    Instant ends = expiry(r.get("status", String.class), r.get("ended_at", OffsetDateTime.class));
                    Instant expiresAt = expires != null ? expires.toInstant() : ends;
                    return new LinkSummary(id, trackingId, Boolean.TRUE.equals(r.get("automatic", Boolean.class)),
                            null, r.get("created_at", OffsetDateTime.class).toInstant(), expiresAt,
                            revoked == null ? null : revoked.toInstant());
                })
                .all()
                .switchIfEmpty(Mono.error(() -> new NotFound("package", trackingId)))
                .filter(link -> link.id() != null)
                .concatMap(link -> link.automatic() && link.open(clock.instant())
                        ? Mono.fromCallable(() -> link.withUrl(pages.url(secret.tokenFor(trackingId))))
                                .subscribeOn(Schedulers.boundedElastic())
                        : Mono.just(link));
    }

    private Mono<Long> issueAutomatic(List<String> trackingIds) {
        if (trackingIds.isEmpty()) {
            return Mono.just(0L);
        }
        return Mono.fromCallable(() -> trackingIds.stream().map(secret::tokenFor).toList())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(tokens -> insertAutomatic(trackingIds, tokens));
    }

    /** Stores the automatic links' hashes (one per package, never twice); emits how many were new. */
    private Mono<Long> insertAutomatic(List<String> trackingIds, List<String> tokens) {
        List<String> ids = new ArrayList<>(tokens.size());
        List<String> hashes = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            ids.add(Ids.next("trk"));
            hashes.add(HexFormat.of().formatHex(LinkTokens.hash(token)));
        }
        return db.sql(INSERT_AUTOMATIC)
                .bind("ids", ids.toArray(String[]::new))
                .bind("hashes", hashes.toArray(String[]::new))
                .bind("packages", trackingIds.toArray(String[]::new))
                .fetch().rowsUpdated();
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
