package dev.doorstep.tracking.links;

import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.ids.Ids;
import dev.doorstep.dispatch.packages.CurrentStatus;
import dev.doorstep.dispatch.packages.Packages;
import dev.doorstep.dispatch.planning.PlannedRoutes;
import dev.doorstep.tracking.customer.RecentPackages;
import dev.doorstep.tracking.customer.RecentReads;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Makes, revokes and resolves tracking links. A link works until it is revoked, or until {@code ttlAfterEnd}
 * after its package was delivered or returned. Unknown, revoked and expired tokens fail alike, after the same
 * two lookups (the link by hash, then its package's status), so that neither the answer nor its time tells them
 * apart.
 *
 * <p>Resolved links are kept for {@code resolvedMaxAge} ({@link RecentReads}): a link revoked on this node stops
 * working at once, one revoked on another node within that time; expiry is judged afresh on every call.
 * The package's status is read through {@link RecentPackages}, which keeps the read of each view computed afresh:
 * a read missing both its resolved link and its view reads the package once.
 *
 * <p>Besides the links a shipper asks for (random tokens, handed out once), every package gets one automatic link
 * when it goes out for delivery: its token is derived with the {@link LinkSecret}, so the customer pushes can
 * carry it without the token ever being stored.
 */
@Component
public class TrackingLinks {

    /** Package states that end the journey: the link's expiry clock starts with the last of these events. */
    static final Set<String> ENDED = Set.of("DELIVERED", "RETURNED_TO_STATION", "RETURNED_TO_SENDER");

    private static final String INSERT_AUTOMATIC = "INSERT INTO tracking_links (id, token_hash, tracking_id, automatic) "
            + "SELECT x.id, decode(x.hash, 'hex'), x.package, true "
            + "FROM unnest(:ids::text[], :hashes::text[], :packages::text[]) AS x(id, hash, package) "
            + "ON CONFLICT DO NOTHING";

    private final DatabaseClient db;
    private final LinkSettings settings;
    private final Clock clock;
    private final LinkSecret secret;
    private final TrackingPages pages;
    private final PlannedRoutes routes;
    private final Packages packages;
    private final RecentPackages recentPackages;
    private final RecentReads<String, Row> resolved;

    TrackingLinks(DatabaseClient db, LinkSettings settings, Clock clock, LinkSecret secret, TrackingPages pages,
            PlannedRoutes routes, Packages packages, RecentPackages recentPackages) {
        this.db = db;
        this.recentPackages = recentPackages;
        this.packages = packages;
        this.routes = routes;
        this.settings = settings;
        this.clock = clock;
        this.secret = secret;
        this.pages = pages;
        this.resolved = new RecentReads<>(clock, settings.resolvedMaxAge(), settings.resolvedMaxEntries());
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
        // An HMAC is a few microseconds of CPU: no need to leave the event loop for it.
        return Mono.fromCallable(() -> secret.tokenFor(trackingId))
                .flatMap(token -> insertAutomatic(List.of(trackingId), List.of(token))
                        .then(resolve(token))
                        .thenReturn(pages.url(token)))
                .onErrorResume(NotFound.class, e -> Mono.empty());
    }

    /** The package's links, newest first, without tokens (only the automatic one's URL can be named again). */
    public Flux<LinkSummary> list(String trackingId) {
        return packages.currentStatus(trackingId)
                .switchIfEmpty(Mono.error(() -> new NotFound("package", trackingId)))
                .flatMapMany(this::linksOf)
                .concatMap(link -> link.automatic() && link.open(clock.instant())
                        ? Mono.fromCallable(() -> link.withUrl(pages.url(secret.tokenFor(trackingId))))
                        : Mono.just(link));
    }

    private Flux<LinkSummary> linksOf(CurrentStatus status) {
        Instant ends = expiry(status);
        return db.sql("SELECT id, automatic, created_at, expires_at, revoked_at FROM tracking_links "
                        + "WHERE tracking_id = :package ORDER BY created_at DESC, id")
                .bind("package", status.trackingId())
                .map(r -> {
                    OffsetDateTime revoked = r.get("revoked_at", OffsetDateTime.class);
                    OffsetDateTime expires = r.get("expires_at", OffsetDateTime.class);
                    Instant expiresAt = expires != null ? expires.toInstant() : ends;
                    return new LinkSummary(r.get("id", String.class), status.trackingId(),
                            Boolean.TRUE.equals(r.get("automatic", Boolean.class)), null,
                            r.get("created_at", OffsetDateTime.class).toInstant(), expiresAt,
                            revoked == null ? null : revoked.toInstant());
                })
                .all();
    }

    private Mono<Long> issueAutomatic(List<String> trackingIds) {
        if (trackingIds.isEmpty()) {
            return Mono.just(0L);
        }
        return Mono.fromCallable(() -> trackingIds.stream().map(secret::tokenFor).toList())
                .flatMap(tokens -> insertAutomatic(trackingIds, tokens));
    }

    /**
     * Stores the automatic links' hashes of the packages that exist (one per package, never twice); emits how many
     * were new.
     */
    private Mono<Long> insertAutomatic(List<String> trackingIds, List<String> tokens) {
        return packages.currentStatuses(trackingIds).map(CurrentStatus::trackingId).collect(Collectors.toSet())
                .flatMap(known -> {
                    List<String> ids = new ArrayList<>(tokens.size());
                    List<String> hashes = new ArrayList<>(tokens.size());
                    List<String> packageIds = new ArrayList<>(tokens.size());
                    for (int i = 0; i < tokens.size(); i++) {
                        if (known.contains(trackingIds.get(i))) {
                            ids.add(Ids.next("trk"));
                            String hash = HexFormat.of().formatHex(LinkTokens.hash(tokens.get(i)));
                            hashes.add(hash);
                            packageIds.add(trackingIds.get(i));
                            // Its unknown answer may be kept from a look-up before it existed.
                            resolved.forget(hash);
                        }
                    }
                    return packageIds.isEmpty() ? Mono.just(0L) : db.sql(INSERT_AUTOMATIC)
                            .bind("ids", ids.toArray(String[]::new))
                            .bind("hashes", hashes.toArray(String[]::new))
                            .bind("packages", packageIds.toArray(String[]::new))
                            .fetch().rowsUpdated();
                });
    }

    /** A new link to the package; the package's own existence is checked (unknown: {@link NotFound}). */
    public Mono<TrackingLink> create(String trackingId) {
        return packages.currentStatus(trackingId)
                .switchIfEmpty(Mono.error(() -> new NotFound("package", trackingId)))
                .flatMap(status -> Mono.fromCallable(LinkTokens::fresh)
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(token -> db.sql("INSERT INTO tracking_links (id, token_hash, tracking_id) "
                                        + "VALUES (:id, :hash, :package) RETURNING id, created_at")
                                .bind("id", Ids.next("trk"))
                                .bind("hash", LinkTokens.hash(token))
                                .bind("package", trackingId)
                                .map(r -> new TrackingLink(r.get("id", String.class), trackingId, token,
                                        r.get("created_at", OffsetDateTime.class).toInstant(), expiry(status)))
                                .one()));
    }

    /** Revokes the package's link for good; a link of another package, or an unknown one, is {@link NotFound}. */
    public Mono<Void> revoke(String trackingId, String linkId) {
        return db.sql("UPDATE tracking_links SET revoked_at = coalesce(revoked_at, now()) "
                        + "WHERE id = :id AND tracking_id = :package RETURNING token_hash")
                .bind("id", linkId)
                .bind("package", trackingId)
                .map(r -> HexFormat.of().formatHex(r.get("token_hash", byte[].class)))
                .all()
                .doOnNext(resolved::forget)
                .count()
                .flatMap(n -> n == 1 ? Mono.<Void>empty() : Mono.error(new NotFound("tracking link", linkId)));
    }

    /**
     * The package the token opens; {@link NotFound} for an unknown, revoked or expired token alike. The package is
     * read for an unknown token too, so that every answer takes the same two lookups (or none, when kept).
     */
    public Mono<String> resolve(String token) {
        byte[] hash = LinkTokens.hash(token == null ? "" : token);
        return resolved.get(HexFormat.of().formatHex(hash), key -> lookUp(hash))
                .filter(this::open)
                .map(Row::trackingId)
                .switchIfEmpty(Mono.error(TrackingLinks::unknown));
    }

    /** The link by its hash and when its package's journey ended; {@link Row#NONE}'s package is never found. */
    private Mono<Row> lookUp(byte[] hash) {
        return db.sql("SELECT tracking_id, revoked_at, expires_at FROM tracking_links WHERE token_hash = :hash")
                .bind("hash", hash)
                .map(r -> new Row(r.get("tracking_id", String.class), r.get("revoked_at", OffsetDateTime.class),
                        r.get("expires_at", OffsetDateTime.class), null))
                .one()
                .defaultIfEmpty(Row.NONE)
                .flatMap(row -> recentPackages.currentStatus(row.trackingId())
                        .map(status -> new Row(row.trackingId(), row.revokedAt(), row.expiresAt(), expiry(status)))
                        .defaultIfEmpty(Row.NONE));
    }

    private boolean open(Row row) {
        Instant now = clock.instant();
        return row != Row.NONE && row.revokedAt() == null
                && (row.expiresAt() == null || row.expiresAt().toInstant().isAfter(now))
                && (row.journeyEnds() == null || row.journeyEnds().isAfter(now));
    }

    private static NotFound unknown() {
        return new NotFound("tracking", "link");
    }

    /** When a link of a package in this state stops working; null while under way. */
    private Instant expiry(CurrentStatus status) {
        return ENDED.contains(status.status().name()) && status.since() != null
                ? status.since().plus(settings.ttlAfterEnd()) : null;
    }

    /**
     * A link as stored, with the end of its package's journey plus the link's time after it (null while under way);
     * {@link #NONE} stands for an unknown token.
     */
    private record Row(String trackingId, OffsetDateTime revokedAt, OffsetDateTime expiresAt, Instant journeyEnds) {
        static final Row NONE = new Row("", null, null, null);
    }
}
