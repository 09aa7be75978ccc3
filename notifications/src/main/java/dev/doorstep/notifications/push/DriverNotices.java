package dev.doorstep.notifications.push;

import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.stations.Stations;
import dev.doorstep.notifications.devices.DeviceToken;
import dev.doorstep.notifications.devices.DeviceTokens;
import dev.doorstep.notifications.relay.OutboxEvent;
import dev.doorstep.notifications.templates.MessageTemplates;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Driver pushes for the block events: BlockOffered to the active Flex drivers of the block's station (at
 * most one offer push per driver per {@code offer-throttle}), BlockCancelled to the driver who held it,
 * BlockReminderDue to the driver who claimed it; RouteAssigned to the driver put on a route; TrackingSilent to the
 * driver whose phone stopped sending pings. Payload fields are read defensively: a missing field
 * leaves its text empty rather than failing the event.
 */
@Component
class DriverNotices {

    private static final String THROTTLE_KEY = "doorstep:notify:offer-throttle:";

    private final DatabaseClient db;
    private final DeviceTokens devices;
    private final Stations stations;
    private final MessageTemplates templates;
    private final ReactiveStringRedisTemplate redis;
    private final PushSettings settings;

    DriverNotices(DatabaseClient db, DeviceTokens devices, Stations stations, MessageTemplates templates,
            ReactiveStringRedisTemplate redis, PushSettings settings) {
        this.db = db;
        this.devices = devices;
        this.stations = stations;
        this.templates = templates;
        this.redis = redis;
        this.settings = settings;
    }

    /** The notice for an event, or empty for events that push nothing to drivers. */
    Mono<Notice> noticeFor(OutboxEvent event) {
        return switch (event.type()) {
            case "BlockOffered" -> notice(event, "block.offered", offerRecipients(event),
                    () -> blockNoLonger(event, "OFFERED", null));
            case "BlockCancelled" -> notice(event, "block.cancelled", Mono.justOrEmpty(event.text("driverId")).flux(),
                    () -> Mono.just(false));
            case "BlockReminderDue" -> notice(event, "block.reminder", Mono.justOrEmpty(event.text("driverId")).flux(),
                    () -> blockNoLonger(event, "CLAIMED", event.text("driverId")));
            case "RouteAssigned" -> routeAssigned(event);
            case "TrackingSilent" -> trackingSilent(event);
            default -> Mono.empty();
        };
    }

    /** To the driver put on the route; stale once the route went to another driver or is over. */
    private Mono<Notice> routeAssigned(OutboxEvent event) {
        String driverId = event.text("driverId");
        return db.sql("SELECT r.station_id, r.planned_start, (SELECT count(*) FROM stops s WHERE s.route_id = r.id) "
                        + "AS stops FROM routes r WHERE r.id = :id")
                .bind("id", String.valueOf(event.text("routeId")))
                .map(row -> new RouteFacts(row.get("station_id", String.class),
                        row.get("planned_start", java.time.OffsetDateTime.class), row.get("stops", Long.class)))
                .one()
                .flatMap(route -> station(route.stationId()).flatMap(station -> Mono.justOrEmpty(driverId).flux()
                        .collectList()
                        .flatMapMany(devices::ofDrivers)
                        .map(d -> routePush(event, route, station, d))
                        .collectList()
                        .map(pushes -> new Notice(event.id(), event.type(), event.occurredAt(), pushes,
                                () -> routeNoLonger(event.text("routeId"), driverId)))));
    }

    /**
     * To the driver whose phone went silent on a route in progress: a push that wakes the app (data action
     * REOPEN_TRACKING) to reopen tracking. Stale once the exception cleared or the route is no longer theirs or over.
     */
    private Mono<Notice> trackingSilent(OutboxEvent event) {
        String driverId = event.text("driverId");
        String routeId = event.text("routeId");
        return Mono.justOrEmpty(driverId).flux().collectList()
                .flatMapMany(devices::ofDrivers)
                .map(device -> {
                    MessageTemplates.Text text = templates.render("tracking.reopen", device.locale(), Map.of());
                    Map<String, String> data = new LinkedHashMap<>();
                    data.put("type", event.type());
                    data.put("eventId", Long.toString(event.id()));
                    data.put("action", "REOPEN_TRACKING");
                    putIfPresent(data, "routeId", routeId);
                    putIfPresent(data, "exceptionId", event.text("exceptionId"));
                    return new Push(device.token(), text.title(), text.body(), data);
                })
                .collectList()
                .map(pushes -> new Notice(event.id(), event.type(), event.occurredAt(), pushes,
                        () -> routeNoLonger(routeId, driverId).zipWith(exceptionCleared(event.text("exceptionId")),
                                Boolean::logicalOr)));
    }

    private Mono<Boolean> exceptionCleared(String exceptionId) {
        return db.sql("SELECT cleared_at IS NOT NULL AS cleared FROM route_exceptions WHERE id = :id")
                .bind("id", String.valueOf(exceptionId))
                .map(row -> row.get("cleared", Boolean.class))
                .one()
                .defaultIfEmpty(false);
    }

    private Push routePush(OutboxEvent event, RouteFacts route, StationLabel station, DeviceToken device) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("station", station.name());
        args.put("stops", Long.toString(route.stops()));
        if (route.plannedStart() != null) {
            args.put("startsAt", templates.stationDateTime(route.plannedStart().toInstant(), station.timeZone(),
                    device.locale()));
        }
        MessageTemplates.Text text = templates.render("route.assigned", device.locale(), args);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("type", event.type());
        data.put("eventId", Long.toString(event.id()));
        for (String field : java.util.List.of("routeId", "dspId", "vanId", "date")) {
            putIfPresent(data, field, event.text(field));
        }
        data.put("stationId", route.stationId());
        return new Push(device.token(), text.title(), text.body(), data);
    }

    private Mono<Boolean> routeNoLonger(String routeId, String driverId) {
        return db.sql("SELECT driver_id, status FROM routes WHERE id = :id")
                .bind("id", routeId)
                .map(row -> !java.util.Objects.equals(driverId, row.get("driver_id", String.class))
                        || java.util.List.of("FINISHED", "CANCELLED").contains(row.get("status", String.class)))
                .one()
                .defaultIfEmpty(true);
    }

    private Flux<String> offerRecipients(OutboxEvent event) {
        return db.sql("SELECT id FROM drivers WHERE kind = 'FLEX' AND active AND home_station_id = :station")
                .bind("station", String.valueOf(event.text("stationId")))
                .map(row -> row.get("id", String.class))
                .all()
                .filterWhen(driverId -> firstOfferPushWithinThrottle(driverId, event.id()));
    }

    /**
     * SET NX EX per driver, holding the event id: a redelivery of the same event passes again (so a crash
     * never eats the push), another offer within the throttle time does not.
     */
    private Mono<Boolean> firstOfferPushWithinThrottle(String driverId, long eventId) {
        if (settings.offerThrottle().isZero()) {
            return Mono.just(true);
        }
        String key = THROTTLE_KEY + driverId;
        String value = Long.toString(eventId);
        return redis.opsForValue().setIfAbsent(key, value, settings.offerThrottle())
                .flatMap(set -> set ? Mono.just(true) : redis.opsForValue().get(key).map(value::equals))
                .defaultIfEmpty(false);
    }

    private Mono<Notice> notice(OutboxEvent event, String template, Flux<String> drivers,
            java.util.function.Supplier<Mono<Boolean>> stale) {
        Mono<StationLabel> station = station(event.text("stationId"));
        return drivers.collectList()
                .flatMapMany(devices::ofDrivers)
                .collectList()
                .zipWith(station)
                .map(t -> new Notice(event.id(), event.type(), event.occurredAt(),
                        t.getT1().stream().map(d -> push(event, template, d, t.getT2())).toList(), stale));
    }

    private Push push(OutboxEvent event, String template, DeviceToken device, StationLabel station) {
        Instant startsAt = event.instant("startsAt");
        Map<String, String> args = new LinkedHashMap<>();
        args.put("station", station.name());
        args.put("minutes", Long.toString(settings.reminderLead().toMinutes()));
        if (startsAt != null) {
            args.put("startsAt", templates.stationDateTime(startsAt, station.timeZone(), device.locale()));
            args.put("startTime", templates.stationTime(startsAt, station.timeZone()));
        }
        MessageTemplates.Text text = templates.render(template, device.locale(), args);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("type", event.type());
        data.put("eventId", Long.toString(event.id()));
        data.put("blockId", event.text("blockId") == null ? event.aggregateId() : event.text("blockId"));
        putIfPresent(data, "stationId", event.text("stationId"));
        putIfPresent(data, "startsAt", startsAt == null ? null : startsAt.toString());
        return new Push(device.token(), text.title(), text.body(), data);
    }

    /** Stale when the block left {@code status} (or another driver holds it) or has already started. */
    private Mono<Boolean> blockNoLonger(OutboxEvent event, String status, String driverId) {
        String blockId = event.text("blockId") == null ? event.aggregateId() : event.text("blockId");
        return db.sql("SELECT status, driver_id, starts_at FROM blocks WHERE id = :id")
                .bind("id", blockId)
                .map(row -> !status.equals(row.get("status", String.class))
                        || driverId != null && !driverId.equals(row.get("driver_id", String.class))
                        || row.get("starts_at", java.time.OffsetDateTime.class).toInstant().isBefore(Instant.now()))
                .one()
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    Instant startsAt = event.instant("startsAt");
                    return startsAt != null && startsAt.isBefore(Instant.now());
                }));
    }

    private Mono<StationLabel> station(String stationId) {
        if (stationId == null) {
            return Mono.just(new StationLabel("", "UTC"));
        }
        return stations.get(stationId).map(s -> new StationLabel(s.name(), s.timeZone()))
                .onErrorResume(NotFound.class, e -> Mono.just(new StationLabel(stationId, "UTC")));
    }

    private static void putIfPresent(Map<String, String> data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    private record RouteFacts(String stationId, java.time.OffsetDateTime plannedStart, long stops) {
    }

    private record StationLabel(String name, String timeZone) {
    }
}
