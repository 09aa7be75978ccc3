package dev.doorstep.notifications.push;

import dev.doorstep.dispatch.delivery.AttemptReason;
import dev.doorstep.dispatch.events.PackageAttempted;
import dev.doorstep.dispatch.events.PackageDelivered;
import dev.doorstep.dispatch.events.PackageReturnToSender;
import dev.doorstep.dispatch.events.RouteStarted;
import dev.doorstep.dispatch.events.StopArrived;
import dev.doorstep.dispatch.packages.PackageWindow;
import dev.doorstep.dispatch.packages.Packages;
import dev.doorstep.dispatch.planning.PackageAhead;
import dev.doorstep.dispatch.planning.PlannedRoutes;
import dev.doorstep.dispatch.returns.ReturnsSettings;
import dev.doorstep.notifications.relay.StreamEvent;
import dev.doorstep.notifications.templates.MessageTemplates;
import dev.doorstep.tracking.links.TrackingLinks;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * Of the packages close enough (from dispatch, with their stops away), those with customer tokens are marked once
     * per route; the packages marked by this event are returned (again on a redelivery of it).
     */
    private static final String MARK_ARRIVING = """
            WITH marked AS (
                INSERT INTO arriving_pushes (tracking_id, route_id, event_id, stops_away)
                SELECT x.tracking_id, :route, :event, x.stops_away
                FROM unnest(:ids::text[], :away::int[]) AS x(tracking_id, stops_away)
                WHERE EXISTS (SELECT 1 FROM device_tokens t WHERE t.tracking_id = x.tracking_id)
                ON CONFLICT DO NOTHING RETURNING tracking_id, stops_away)
            SELECT tracking_id, stops_away FROM marked
            UNION SELECT tracking_id, stops_away FROM arriving_pushes WHERE route_id = :route AND event_id = :event
            """;

    private static final String TOKENS = """
            SELECT token, locale, tracking_id FROM device_tokens
            WHERE owner_kind = 'CUSTOMER' AND tracking_id = ANY(:ids)
            ORDER BY tracking_id, token
            """;

    private final Packages packages;
    private final PlannedRoutes routes;
    private final DatabaseClient db;
    private final MessageTemplates templates;
    private final PushSettings settings;
    private final ReturnsSettings returns;
    private final TrackingLinks links;

    CustomerNotices(Packages packages, PlannedRoutes routes, DatabaseClient db, MessageTemplates templates,
            PushSettings settings, ReturnsSettings returns, TrackingLinks links) {
        this.packages = packages;
        this.routes = routes;
        this.db = db;
        this.templates = templates;
        this.settings = settings;
        this.returns = returns;
        this.links = links;
    }

    /** One notice per package the event concerns that has customer tokens; none for other events. */
    Flux<Notice> noticesFor(StreamEvent received) {
        Record event = received.event();
        if (event instanceof RouteStarted started) {
            return notices(received, Kind.OUT_FOR_DELIVERY, started.trackingIds(), Fields.of(started.routeId()),
                    r -> Map.of());
        }
        if (event instanceof StopArrived arrived) {
            return arriving(received, arrived.routeId());
        }
        if (event instanceof PackageDelivered delivered) {
            return Flux.concat(
                    notices(received, Kind.DELIVERED, List.of(delivered.trackingId()),
                            new Fields(delivered.routeId(), delivered.stopId(), delivered.attemptId()), r -> Map.of(
                                    "place", templates.phrase("place." + delivered.place(), r.locale()),
                                    "time", stationTime(delivered.capturedAt(), r))),
                    arriving(received, delivered.routeId()));
        }
        if (event instanceof PackageAttempted attempted) {
            String reason = attempted.reason() == null ? null : attempted.reason().name();
            return Flux.concat(
                    notices(received, Kind.ATTEMPTED, List.of(attempted.trackingId()),
                            new Fields(attempted.routeId(), attempted.stopId(), attempted.attemptId()), r -> Map.of(
                                    "reason", templates.phrase("reason." + reason, r.locale()),
                                    "next", templates.phrase("package.next."
                                            + next(reason, attempted.attempts(), returns.maxAttempts()), r.locale()),
                                    "time", stationTime(attempted.capturedAt(), r))),
                    arriving(received, attempted.routeId()));
        }
        if (event instanceof PackageReturnToSender toSender) {
            return notices(received, Kind.RETURNED_TO_SENDER, List.of(toSender.trackingId()), Fields.of(null),
                    r -> Map.of());
        }
        return Flux.empty();
    }

    /** The ids the event carries into the push's data, where present. */
    private record Fields(String routeId, String stopId, String attemptId) {

        static Fields of(String routeId) {
            return new Fields(routeId, null, null);
        }
    }

    /** True when a push of {@code kind} about the package no longer matters (ARRIVING after DELIVERED). */
    Mono<Boolean> stale(Kind kind, String trackingId) {
        return packages.get(trackingId).map(p -> PushStaleness.packageNoLonger(kind, p.status())).defaultIfEmpty(false);
    }

    /** What happens after an attempt: back to the sender at once or after the last attempt, else another try. */
    static String next(String reason, int attempts, int maxAttempts) {
        boolean ends = reason != null && AttemptReason.valueOf(reason).endsDelivery() || attempts >= maxAttempts;
        return ends ? "RETURN" : "RETRY";
    }

    private Flux<Notice> arriving(StreamEvent received, String route) {
        if (route == null) {
            return Flux.empty();
        }
        return routes.packagesAhead(route, settings.arrivingStopsAway())
                .collectList()
                .flatMapMany(ahead -> db.sql(MARK_ARRIVING)
                        .bind("route", route)
                        .bind("event", received.id())
                        .bind("ids", ahead.stream().map(PackageAhead::trackingId).toArray(String[]::new))
                        .bind("away", ahead.stream().map(PackageAhead::stopsAway).toArray(Integer[]::new))
                        .map(row -> Map.entry(row.get("tracking_id", String.class),
                                row.get("stops_away", Integer.class)))
                        .all())
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMapMany(away -> notices(received, Kind.ARRIVING, away.keySet(), Fields.of(route),
                        r -> Map.of("stopsAway", Integer.toString(away.get(r.trackingId())))));
    }

    private Flux<Notice> notices(StreamEvent received, Kind kind, Collection<String> trackingIds, Fields fields,
            Function<Recipient, Map<String, String>> extra) {
        if (trackingIds.isEmpty()) {
            return Flux.empty();
        }
        return packages.windows(trackingIds)
                .collectMap(PackageWindow::trackingId)
                .flatMapMany(windows -> db.sql(TOKENS)
                        .bind("ids", trackingIds.toArray(String[]::new))
                        .map(row -> new Token(row.get("token", String.class), row.get("locale", String.class),
                                row.get("tracking_id", String.class)))
                        .all()
                        .filter(token -> windows.containsKey(token.trackingId()))
                        .map(token -> new Recipient(token, windows.get(token.trackingId()))))
                .bufferUntilChanged(Recipient::trackingId)
                .concatMap(same -> trackingUrl(kind, same.get(0).trackingId())
                        .map(url -> notice(received, kind, same, fields, extra, url)));
    }

    /** The tracking page for the pushes that carry one; empty Optional for the others or without an open link. */
    private Mono<Optional<String>> trackingUrl(Kind kind, String trackingId) {
        if (kind != Kind.OUT_FOR_DELIVERY && kind != Kind.DELIVERED) {
            return Mono.just(Optional.empty());
        }
        return links.automaticUrl(trackingId).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    private Notice notice(StreamEvent event, Kind kind, List<Recipient> recipients, Fields fields,
            Function<Recipient, Map<String, String>> extra, Optional<String> trackingUrl) {
        String trackingId = recipients.get(0).trackingId();
        List<Push> pushes = new ArrayList<>();
        for (Recipient r : recipients) {
            Map<String, String> args = new LinkedHashMap<>(extra.apply(r));
            args.put("trackingId", trackingId);
            args.put("windowFrom", templates.stationTime(r.windowFrom().toInstant(), r.timeZone()));
            args.put("windowTo", templates.stationTime(r.windowTo().toInstant(), r.timeZone()));
            MessageTemplates.Text text = templates.render(template(kind, args.get("stopsAway")), r.locale(), args);
            Map<String, String> data = data(event, kind, fields, r);
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

    private static Map<String, String> data(StreamEvent event, Kind kind, Fields fields, Recipient r) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("type", kind.name());
        data.put("eventId", Long.toString(event.id()));
        data.put("trackingId", r.trackingId());
        data.put("stationId", r.stationId());
        putIfPresent(data, "routeId", fields.routeId());
        boolean outcome = kind == Kind.DELIVERED || kind == Kind.ATTEMPTED;
        if (outcome) {
            putIfPresent(data, "stopId", fields.stopId());
            putIfPresent(data, "attemptId", fields.attemptId());
        }
        return data;
    }

    private static void putIfPresent(Map<String, String> data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    private String stationTime(OffsetDateTime at, Recipient r) {
        return at == null ? "" : templates.stationTime(at.toInstant(), r.timeZone());
    }

    private record Token(String token, String locale, String trackingId) {
    }

    private record Recipient(String token, String locale, String trackingId, OffsetDateTime windowFrom,
            OffsetDateTime windowTo, String stationId, String timeZone) {

        Recipient(Token token, PackageWindow window) {
            this(token.token(), token.locale(), token.trackingId(), window.windowFrom(), window.windowTo(),
                    window.stationId(), window.timeZone());
        }
    }
}
