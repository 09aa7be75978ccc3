package dev.doorstep.notifications.push;

import dev.doorstep.dispatch.delivery.AttemptReason;
import dev.doorstep.dispatch.packages.PackageStatus;
import dev.doorstep.dispatch.packages.Packages;
import dev.doorstep.dispatch.returns.ReturnsSettings;
import dev.doorstep.notifications.relay.OutboxEvent;
import dev.doorstep.notifications.templates.MessageTemplates;
import dev.doorstep.tracking.links.TrackingLinks;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Customer pushes about a package, to the device tokens registered for it: OUT_FOR_DELIVERY (RouteStarted),
 * ARRIVING (once per package and route, when at most {@code arriving-stops-away} pending stops are left before
 * its stop, evaluated on StopArrived, PackageDelivered and PackageAttempted), DELIVERED, ATTEMPTED and
 * RETURNED_TO_SENDER. One notice per package, so each has its own staleness (ARRIVING after DELIVERED).
 * OUT_FOR_DELIVERY and DELIVERED carry the package's tracking page ({@code trackingUrl}, its automatic link) unless
 * that link was revoked or has expired.
 */
@Component
class CustomerNotices {

    /** The customer templates, as keys {@code package.<kind>} in the message templates. */
    enum Kind { OUT_FOR_DELIVERY, ARRIVING, DELIVERED, ATTEMPTED, RETURNED_TO_SENDER }

    private static final Set<PackageStatus> DONE = EnumSet.of(PackageStatus.DELIVERED, PackageStatus.ATTEMPTED,
            PackageStatus.RETURNED_TO_STATION, PackageStatus.RETURN_TO_SENDER, PackageStatus.RETURNED_TO_SENDER,
            PackageStatus.MISSING, PackageStatus.PICKED_UP, PackageStatus.CANCELLED);

    /**
     * Packages out for delivery on pending stops of the route with at most :away pending stops before theirs,
     * counted from the driver's progress (the last stop reached); each is marked once per route, and the
     * packages marked by this event are returned (again on a redelivery of it).
     */
    private static final String MARK_ARRIVING = """
            WITH progress AS (
                SELECT coalesce(max(seq), -1) AS seq FROM stops WHERE route_id = :route AND status <> 'PENDING'),
            ahead AS (
                SELECT s.id, count(*) OVER (ORDER BY s.seq) - 1 AS before
                FROM stops s, progress WHERE s.route_id = :route AND s.status = 'PENDING' AND s.seq > progress.seq),
            marked AS (
                INSERT INTO arriving_pushes (tracking_id, route_id, event_id, stops_away)
                SELECT p.tracking_id, :route, :event, ahead.before FROM ahead JOIN packages p ON p.stop_id = ahead.id
                WHERE ahead.before <= :away AND p.status = 'OUT_FOR_DELIVERY'
                  AND EXISTS (SELECT 1 FROM device_tokens t WHERE t.tracking_id = p.tracking_id)
                ON CONFLICT DO NOTHING RETURNING tracking_id, stops_away)
            SELECT tracking_id, stops_away FROM marked
            UNION SELECT tracking_id, stops_away FROM arriving_pushes WHERE route_id = :route AND event_id = :event
            """;

    private static final String RECIPIENTS = """
            SELECT t.token, t.locale, p.tracking_id, p.window_from, p.window_to, p.station_id, s.time_zone
            FROM device_tokens t JOIN packages p ON p.tracking_id = t.tracking_id JOIN stations s ON s.id = p.station_id
            WHERE t.owner_kind = 'CUSTOMER' AND t.tracking_id = ANY(:ids)
            ORDER BY p.tracking_id, t.token
            """;

    private final Packages packages;
    private final DatabaseClient db;
    private final MessageTemplates templates;
    private final PushSettings settings;
    private final ReturnsSettings returns;
    private final TrackingLinks links;

    CustomerNotices(Packages packages, DatabaseClient db, MessageTemplates templates, PushSettings settings,
            ReturnsSettings returns, TrackingLinks links) {
        this.packages = packages;
        this.db = db;
        this.templates = templates;
        this.settings = settings;
        this.returns = returns;
        this.links = links;
    }

    /** One notice per package the event concerns that has customer tokens; none for other events. */
    Flux<Notice> noticesFor(OutboxEvent event) {
        return switch (event.type()) {
            case "RouteStarted" -> notices(event, Kind.OUT_FOR_DELIVERY, trackingIds(event), r -> Map.of());
            case "StopArrived" -> arriving(event);
            case "PackageDelivered" -> Flux.concat(
                    notices(event, Kind.DELIVERED, List.of(event.text("trackingId")), r -> Map.of(
                            "place", templates.phrase("place." + event.text("place"), r.locale()),
                            "time", stationTime(event.instant("capturedAt"), r))),
                    arriving(event));
            case "PackageAttempted" -> Flux.concat(
                    notices(event, Kind.ATTEMPTED, List.of(event.text("trackingId")), r -> Map.of(
                            "reason", templates.phrase("reason." + event.text("reason"), r.locale()),
                            "next", templates.phrase("package.next." + next(event), r.locale()),
                            "time", stationTime(event.instant("capturedAt"), r))),
                    arriving(event));
            case "PackageReturnToSender" ->
                    notices(event, Kind.RETURNED_TO_SENDER, List.of(event.text("trackingId")), r -> Map.of());
            default -> Flux.empty();
        };
    }

    /** True when a push of {@code kind} about the package no longer matters (ARRIVING after DELIVERED). */
    Mono<Boolean> stale(Kind kind, String trackingId) {
        return packages.get(trackingId).map(p -> stale(kind, p.status())).defaultIfEmpty(false);
    }

    /**
     * OUT_FOR_DELIVERY and ARRIVING stop mattering once the package left the road (delivered, attempted,
     * returned...); the outcomes themselves always matter.
     */
    static boolean stale(Kind kind, PackageStatus status) {
        return (kind == Kind.OUT_FOR_DELIVERY || kind == Kind.ARRIVING) && DONE.contains(status);
    }

    /** What happens after an attempt: back to the sender at once or after the last attempt, else another try. */
    private String next(OutboxEvent event) {
        Object attempts = event.payload().get("attempts");
        return next(event.text("reason"), attempts instanceof Number n ? n.intValue() : 0, returns.maxAttempts());
    }

    static String next(String reason, int attempts, int maxAttempts) {
        boolean ends = reason != null && AttemptReason.valueOf(reason).endsDelivery() || attempts >= maxAttempts;
        return ends ? "RETURN" : "RETRY";
    }

    private Flux<Notice> arriving(OutboxEvent event) {
        String route = event.text("routeId");
        if (route == null) {
            return Flux.empty();
        }
        return db.sql(MARK_ARRIVING)
                .bind("route", route)
                .bind("event", event.id())
                .bind("away", settings.arrivingStopsAway())
                .map(row -> Map.entry(row.get("tracking_id", String.class), row.get("stops_away", Integer.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMapMany(away -> notices(event, Kind.ARRIVING, away.keySet(),
                        r -> Map.of("stopsAway", Integer.toString(away.get(r.trackingId())))));
    }

    private Flux<Notice> notices(OutboxEvent event, Kind kind, Collection<String> trackingIds,
            Function<Recipient, Map<String, String>> extra) {
        if (trackingIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql(RECIPIENTS)
                .bind("ids", trackingIds.toArray(String[]::new))
                .map(row -> new Recipient(row.get("token", String.class), row.get("locale", String.class),
                        row.get("tracking_id", String.class), row.get("window_from", OffsetDateTime.class),
                        row.get("window_to", OffsetDateTime.class), row.get("station_id", String.class),
                        row.get("time_zone", String.class)))
                .all()
                .bufferUntilChanged(Recipient::trackingId)
                .concatMap(same -> trackingUrl(kind, same.get(0).trackingId())
                        .map(url -> notice(event, kind, same, extra, url)));
    }

    /** The tracking page for the pushes that carry one; empty Optional for the others or without an open link. */
    private Mono<Optional<String>> trackingUrl(Kind kind, String trackingId) {
        if (kind != Kind.OUT_FOR_DELIVERY && kind != Kind.DELIVERED) {
            return Mono.just(Optional.empty());
        }
        return links.automaticUrl(trackingId).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    private Notice notice(OutboxEvent event, Kind kind, List<Recipient> recipients,
            Function<Recipient, Map<String, String>> extra, Optional<String> trackingUrl) {
        String trackingId = recipients.get(0).trackingId();
        List<Push> pushes = new ArrayList<>();
        for (Recipient r : recipients) {
            Map<String, String> args = new LinkedHashMap<>(extra.apply(r));
            args.put("trackingId", trackingId);
            args.put("windowFrom", templates.stationTime(r.windowFrom().toInstant(), r.timeZone()));
            args.put("windowTo", templates.stationTime(r.windowTo().toInstant(), r.timeZone()));
            MessageTemplates.Text text = templates.render(template(kind, args.get("stopsAway")), r.locale(), args);
            Map<String, String> data = data(event, kind, r);
            trackingUrl.ifPresent(url -> data.put("trackingUrl", url));
            pushes.add(new Push(r.token(), text.title(), text.body(), data));
        }
        return new Notice(event.id(), event.type(), event.occurredAt(), pushes, () -> stale(kind, trackingId));
    }

    /** ARRIVING reads "is next" with no stop left before, "1 stop away" with one, "N stops away" above. */
    static String template(Kind kind, String stopsAway) {
        if (kind == Kind.ARRIVING && "0".equals(stopsAway)) {
            return "package.ARRIVING_NEXT";
        }
        return kind == Kind.ARRIVING && "1".equals(stopsAway) ? "package.ARRIVING_ONE" : "package." + kind.name();
    }

    private static Map<String, String> data(OutboxEvent event, Kind kind, Recipient r) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("type", kind.name());
        data.put("eventId", Long.toString(event.id()));
        data.put("trackingId", r.trackingId());
        data.put("stationId", r.stationId());
        boolean outcome = kind == Kind.DELIVERED || kind == Kind.ATTEMPTED;
        for (String field : outcome ? List.of("routeId", "stopId", "attemptId") : List.of("routeId")) {
            if (event.text(field) != null) {
                data.put(field, event.text(field));
            }
        }
        return data;
    }

    private String stationTime(Instant at, Recipient r) {
        return at == null ? "" : templates.stationTime(at, r.timeZone());
    }

    private static List<String> trackingIds(OutboxEvent event) {
        return event.payload().get("trackingIds") instanceof List<?> ids
                ? ids.stream().map(String::valueOf).toList() : List.of();
    }

    private record Recipient(String token, String locale, String trackingId, OffsetDateTime windowFrom,
            OffsetDateTime windowTo, String stationId, String timeZone) {
    }
}
