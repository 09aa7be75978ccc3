package dev.doorstep.notifications.push;

import dev.doorstep.dispatch.blocks.Block;
import dev.doorstep.dispatch.blocks.Blocks;
import dev.doorstep.dispatch.blocks.BlockStatus;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.events.BlockCancelled;
import dev.doorstep.dispatch.events.BlockOffered;
import dev.doorstep.dispatch.events.RouteAssigned;
import dev.doorstep.dispatch.fleet.Drivers;
import dev.doorstep.dispatch.planning.PlannedRoutes;
import dev.doorstep.dispatch.planning.RouteSummary;
import dev.doorstep.dispatch.stations.Stations;
import dev.doorstep.notifications.devices.DeviceToken;
import dev.doorstep.notifications.devices.DeviceTokens;
import dev.doorstep.notifications.relay.Coalescer;
import dev.doorstep.notifications.relay.StreamEvent;
import dev.doorstep.notifications.templates.MessageTemplates;
import dev.doorstep.tracking.customer.RecentReads;
import dev.doorstep.tracking.events.TrackingSilent;
import dev.doorstep.tracking.exceptions.RouteExceptions;
import dev.doorstep.tracking.live.HotRedis;
import io.lettuce.core.SetArgs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Driver pushes for the block events: BlockOffered to the active Flex drivers of the block's station (at
 * most one offer push per driver per {@code offer-throttle}), BlockCancelled to the driver who held it,
 * BlockReminderDue to the driver who claimed it; RouteAssigned to the driver put on a route; TrackingSilent to the
 * driver whose phone stopped sending pings.
 */
@Component
class DriverNotices {

    private static final String THROTTLE_KEY = "doorstep:notify:offer-throttle:";
    /** Most look-ups of one kind in one batch, and batches of one kind at once. */
    private static final int LOOKUPS = 500;
    private static final int IN_FLIGHT = 4;

    private final DeviceTokens devices;
    private final Stations stations;
    private final Drivers drivers;
    private final Blocks blocks;
    private final PlannedRoutes routes;
    private final RouteExceptions exceptions;
    private final MessageTemplates templates;
    private final HotRedis redis;
    private final PushSettings settings;
    private final Clock clock;
    /*
     * The look-ups of the events handled at once go to the database together: one query per distinct station (its
     * name and zone, its active Flex drivers), one for the tokens of all their drivers, one for all their blocks.
     * Only station labels are kept (below); every other answer comes from a query made after the event asked.
     */
    /*
     * A station's name and time zone are the same for every event of a burst (one station offers hundreds of
     * blocks), and reading them means reading the whole station, geofence included: each label is kept for
     * 30 s after it was read, so a renamed station shows in pushes within that time.
     */
    private static final Duration LABEL_KEPT = Duration.ofSeconds(30);
    private static final int MAX_KEPT_LABELS = 10_000;
    private final RecentReads<String, Optional<StationLabel>> keptLabels;
    private final Coalescer<String, Optional<StationLabel>> stationLabels = Coalescer.lookups(LOOKUPS, IN_FLIGHT,
            this::stationLabels);
    private final Coalescer<String, Optional<List<String>>> flexDrivers = Coalescer.lookups(LOOKUPS, IN_FLIGHT,
            this::flexDrivers);
    private final Coalescer<String, Optional<Block>> blockRows = Coalescer.lookups(LOOKUPS, IN_FLIGHT,
            this::blocksById);
    private final Coalescer<List<String>, List<DeviceToken>> tokens = new Coalescer<>(LOOKUPS, IN_FLIGHT,
            this::tokensOf);

    DriverNotices(DeviceTokens devices, Stations stations, Drivers drivers, Blocks blocks, PlannedRoutes routes,
            RouteExceptions exceptions, MessageTemplates templates, HotRedis redis,
            PushSettings settings, Clock clock) {
        this.devices = devices;
        this.stations = stations;
        this.drivers = drivers;
        this.blocks = blocks;
        this.routes = routes;
        this.exceptions = exceptions;
        this.templates = templates;
        this.redis = redis;
        this.settings = settings;
        this.clock = clock;
        this.keptLabels = new RecentReads<>(clock, LABEL_KEPT, MAX_KEPT_LABELS);
    }

    /** A block push's facts, whichever event it comes from. */
    private record BlockPush(String blockId, String stationId, Instant startsAt) {
    }

    /** The notice for an event, or empty for events that push nothing to drivers. */
    Mono<Notice> noticeFor(StreamEvent received) {
        Record event = received.event();
        if (event instanceof BlockOffered offered) {
            BlockPush block = new BlockPush(offered.blockId(), offered.stationId(), instant(offered.startsAt()));
            return notice(received, "block.offered", block, offerRecipients(offered.stationId(), received.id()),
                    () -> blockNoLonger(block, BlockStatus.OFFERED, null));
        }
        if (event instanceof BlockCancelled cancelled) {
            BlockPush block = new BlockPush(cancelled.blockId(), cancelled.stationId(), instant(cancelled.startsAt()));
            return notice(received, "block.cancelled", block, Mono.justOrEmpty(cancelled.driverId()).flux(),
                    () -> Mono.just(false));
        }
        if (event instanceof BlockReminderDue due) {
            BlockPush block = new BlockPush(due.blockId(), due.stationId(), due.startsAt());
            return notice(received, "block.reminder", block, Mono.justOrEmpty(due.driverId()).flux(),
                    () -> blockNoLonger(block, BlockStatus.CLAIMED, due.driverId()));
        }
        if (event instanceof RouteAssigned assigned) {
            return routeAssigned(received, assigned);
        }
        if (event instanceof TrackingSilent silent) {
            return trackingSilent(received, silent);
        }
        return Mono.empty();
    }

    /** To the driver put on the route; stale once the route went to another driver or is over. */
    private Mono<Notice> routeAssigned(StreamEvent received, RouteAssigned assigned) {
        String driverId = assigned.driverId();
        return routes.summary(assigned.routeId())
                .flatMap(route -> station(route.stationId()).flatMap(station -> Mono.justOrEmpty(driverId).flux()
                        .collectList()
                        .flatMapMany(this::devicesOf)
                        .map(d -> routePush(received, assigned, route, station, d))
                        .collectList()
                        .map(pushes -> new Notice(received.id(), received.type(), received.occurredAt(), pushes,
                                () -> routeNoLonger(assigned.routeId(), driverId)))));
    }

    /**
     * To the driver whose phone went silent on a route in progress: a push that wakes the app (data action
     * REOPEN_TRACKING) to reopen tracking. Stale once the exception cleared or the route is no longer theirs or over.
     */
    private Mono<Notice> trackingSilent(StreamEvent received, TrackingSilent silent) {
        return Mono.justOrEmpty(silent.driverId()).flux().collectList()
                .flatMapMany(this::devicesOf)
                .map(device -> {
                    MessageTemplates.Text text = templates.render("tracking.reopen", device.locale(), Map.of());
                    Map<String, String> data = new LinkedHashMap<>();
                    data.put("type", received.type());
                    data.put("eventId", Long.toString(received.id()));
                    data.put("action", "REOPEN_TRACKING");
                    putIfPresent(data, "routeId", silent.routeId());
                    putIfPresent(data, "exceptionId", silent.exceptionId());
                    return new Push(device.token(), text.title(), text.body(), data);
                })
                .collectList()
                .map(pushes -> new Notice(received.id(), received.type(), received.occurredAt(), pushes,
                        () -> routeNoLonger(silent.routeId(), silent.driverId())
                                .zipWith(exceptionCleared(silent.exceptionId()), Boolean::logicalOr)));
    }

    private Mono<Boolean> exceptionCleared(String exceptionId) {
        return exceptionId == null ? Mono.just(false) : exceptions.cleared(exceptionId);
    }

    private Push routePush(StreamEvent received, RouteAssigned assigned, RouteSummary route, StationLabel station,
            DeviceToken device) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("station", station.name());
        args.put("stops", Long.toString(route.stops()));
        if (route.plannedStart() != null) {
            args.put("startsAt", templates.stationDateTime(route.plannedStart().toInstant(), station.timeZone(),
                    device.locale()));
        }
        MessageTemplates.Text text = templates.render("route.assigned", device.locale(), args);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("type", received.type());
        data.put("eventId", Long.toString(received.id()));
        putIfPresent(data, "routeId", assigned.routeId());
        putIfPresent(data, "dspId", assigned.dspId());
        putIfPresent(data, "vanId", assigned.vanId());
        putIfPresent(data, "date", assigned.date() == null ? null : assigned.date().toString());
        data.put("stationId", route.stationId());
        return new Push(device.token(), text.title(), text.body(), data);
    }

    private Mono<Boolean> routeNoLonger(String routeId, String driverId) {
        if (routeId == null) {
            return Mono.just(true);
        }
        return routes.summary(routeId)
                .map(route -> PushStaleness.routeNoLonger(driverId, route))
                .defaultIfEmpty(true);
    }

    private Flux<String> offerRecipients(String stationId, long eventId) {
        return stationId == null ? Flux.empty() : flexDrivers.submit(stationId)
                .flatMapIterable(found -> found.orElse(List.of()))
                .filterWhen(driverId -> firstOfferPushWithinThrottle(driverId, eventId));
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
        // SET NX answers nothing (not OK) when the key was there.
        return redis.mono(c -> c.set(key, value, SetArgs.Builder.nx().px(settings.offerThrottle().toMillis())))
                .map("OK"::equals)
                .defaultIfEmpty(false)
                .flatMap(set -> set ? Mono.just(true) : redis.mono(c -> c.get(key)).map(value::equals))
                .defaultIfEmpty(false);
    }

    private Mono<Notice> notice(StreamEvent received, String template, BlockPush block, Flux<String> recipients,
            Supplier<Mono<Boolean>> stale) {
        return recipients.collectList()
                .flatMapMany(this::devicesOf)
                .collectList()
                .zipWith(station(block.stationId()))
                .map(t -> new Notice(received.id(), received.type(), received.occurredAt(),
                        t.getT1().stream().map(d -> push(received, template, block, d, t.getT2())).toList(), stale));
    }

    private Push push(StreamEvent received, String template, BlockPush block, DeviceToken device,
            StationLabel station) {
        Instant startsAt = block.startsAt();
        Map<String, String> args = new LinkedHashMap<>();
        args.put("station", station.name());
        args.put("minutes", Long.toString(settings.reminderLead().toMinutes()));
        if (startsAt != null) {
            args.put("startsAt", templates.stationDateTime(startsAt, station.timeZone(), device.locale()));
            args.put("startTime", templates.stationTime(startsAt, station.timeZone()));
        }
        MessageTemplates.Text text = templates.render(template, device.locale(), args);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("type", received.type());
        data.put("eventId", Long.toString(received.id()));
        data.put("blockId", block.blockId() == null ? received.aggregateId() : block.blockId());
        putIfPresent(data, "stationId", block.stationId());
        putIfPresent(data, "startsAt", startsAt == null ? null : startsAt.toString());
        return new Push(device.token(), text.title(), text.body(), data);
    }

    /** Stale when the block left {@code status} (or another driver holds it) or has already started. */
    private Mono<Boolean> blockNoLonger(BlockPush block, BlockStatus status, String driverId) {
        Instant now = clock.instant();
        if (block.blockId() == null) {
            return Mono.just(PushStaleness.goneBlockNoLonger(block.startsAt(), now));
        }
        return blockRows.submit(block.blockId())
                .map(found -> found.map(row -> PushStaleness.blockNoLonger(status, driverId, row.status(),
                                row.driverId(), row.startsAt().toInstant(), now))
                        .orElseGet(() -> PushStaleness.goneBlockNoLonger(block.startsAt(), now)));
    }

    private Mono<StationLabel> station(String stationId) {
        if (stationId == null) {
            return Mono.just(new StationLabel("", "UTC"));
        }
        return keptLabels.get(stationId, stationLabels::submit)
                .map(found -> found.orElse(new StationLabel(stationId, "UTC")));
    }

    private Mono<Map<String, StationLabel>> stationLabels(Set<String> ids) {
        return Flux.fromIterable(ids)
                .flatMap(id -> stations.get(id).map(s -> Map.entry(id, new StationLabel(s.name(), s.timeZone())))
                        .onErrorResume(NotFound.class, e -> Mono.empty()))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<Map<String, Block>> blocksById(Set<String> ids) {
        return blocks.findAll(ids).collectMap(Block::id);
    }

    private Mono<Map<String, List<String>>> flexDrivers(Set<String> stationIds) {
        return Flux.fromIterable(stationIds)
                .flatMap(id -> drivers.activeFlexAt(id).collectList().map(found -> Map.entry(id, found)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The tokens of these drivers, in one query with those the other events handled at once ask for. */
    private Flux<DeviceToken> devicesOf(List<String> driverIds) {
        return driverIds.isEmpty() ? Flux.empty() : tokens.submit(driverIds).flatMapIterable(found -> found);
    }

    private Mono<List<List<DeviceToken>>> tokensOf(List<List<String>> asked) {
        Set<String> all = new LinkedHashSet<>();
        asked.forEach(all::addAll);
        return devices.ofDrivers(all).collectMultimap(DeviceToken::driverId).map(byDriver -> asked.stream()
                .map(ids -> new LinkedHashSet<>(ids).stream()
                        .flatMap(id -> byDriver.getOrDefault(id, List.of()).stream()).toList())
                .toList());
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private static void putIfPresent(Map<String, String> data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    private record StationLabel(String name, String timeZone) {
    }
}
