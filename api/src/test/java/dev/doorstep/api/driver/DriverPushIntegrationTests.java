package dev.doorstep.api.driver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.doorstep.api.driver.WireMockFcm.awaitTrue;
import static dev.doorstep.api.driver.WireMockFcm.body;
import static dev.doorstep.api.driver.WireMockFcm.requestsTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.doorstep.api.DoorstepApplication;
import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.SharedDataDir;
import dev.doorstep.dispatch.events.BlockCancelled;
import dev.doorstep.dispatch.events.BlockOffered;
import dev.doorstep.dispatch.outbox.EventType;
import dev.doorstep.dispatch.outbox.EventTypes;
import dev.doorstep.dispatch.outbox.Outbox;
import dev.doorstep.notifications.push.PushPipeline;
import dev.doorstep.notifications.relay.EventStream;
import dev.doorstep.notifications.relay.OutboxEvent;
import dev.doorstep.notifications.relay.OutboxRelay;
import dev.doorstep.notifications.relay.StreamEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * The push pipeline end to end with the real Firebase Admin SDK against a WireMock FCM: outbox row, relay,
 * Redis stream, consumer group, send records, FCM requests. Asserts the exact requests per token.
 */
@Import(WireMockFcm.class)
@TestPropertySource(properties = {
        "doorstep.notifications.relay.enabled=true",
        "doorstep.notifications.relay.interval=50ms",
        "doorstep.notifications.push.enabled=true",
        "doorstep.notifications.push.poll-interval=50ms",
        "doorstep.notifications.push.claim-idle=2s",
        "doorstep.notifications.push.send-lease=30s",
        "doorstep.notifications.push.give-up-after=5s",
        "doorstep.notifications.push.backoff-initial=200ms",
        "doorstep.notifications.push.backoff-max=1s",
        "doorstep.notifications.push.reminder-scan-interval=300ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DriverPushIntegrationTests extends ApiIntegrationTest {

    private static final ZoneId SEATTLE = ZoneId.of("America/Los_Angeles");

    @Autowired
    DatabaseClient db;
    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    EventStream stream;
    @Autowired
    PushPipeline pipeline;
    @Autowired
    ReactiveStringRedisTemplate redis;
    @Autowired
    org.springframework.context.ApplicationContext context;

    /** An event no consumer of this build reads, as one published by a newer node could be. */
    @EventType("SomethingElse")
    record SomethingElse(String id) {
    }

    @BeforeAll
    static void acceptEveryPushByDefault() {
        WireMockFcm.acceptEveryPush();
    }

    @AfterAll
    static void stopFcm() {
        WireMockFcm.SERVER.resetAll();
    }

    @Test
    void blockOfferReachesTheStationsFlexDriversInTheirLanguageWithStationTime() {
        String ops = opsToken();
        String stationName = "Georgetown " + unique();
        String station = station(ops, stationName);
        String spanish = device(flexDriver(ops, station), "es");
        String english = device(flexDriver(ops, station), "en");
        String elsewhere = device(flexDriver(ops, station(ops, "Other " + unique())), "en");
        Instant startsAt = ZonedDateTime.now(SEATTLE).plusDays(2).withHour(14).withMinute(0)
                .truncatedTo(ChronoUnit.MINUTES).toInstant();
        String block = block(station, startsAt, "OFFERED", null);
        long event = append(block, new BlockOffered(block, station, utc(startsAt), 240));

        JsonNode es = onlyPushTo(spanish);
        assertThat(es.at("/message/notification/title").asString()).isEqualTo("Nuevo bloque en " + stationName);
        assertThat(es.at("/message/notification/body").asString()).isEqualTo("Hay un bloque disponible que empieza el "
                + stationDateTime(startsAt, "es") + ". Resérvalo en la app antes que otro.");
        assertThat(es.at("/message/data/type").asString()).isEqualTo("BlockOffered");
        assertThat(es.at("/message/data/blockId").asString()).isEqualTo(block);
        assertThat(es.at("/message/data/stationId").asString()).isEqualTo(station);
        assertThat(es.at("/message/data/eventId").asString()).isEqualTo(Long.toString(event));
        assertThat(es.at("/message/data/startsAt").asString()).isEqualTo(startsAt.toString());
        JsonNode en = onlyPushTo(english);
        assertThat(en.at("/message/notification/title").asString()).isEqualTo("New block at " + stationName);
        assertThat(en.at("/message/notification/body").asString()).isEqualTo("A block starting "
                + stationDateTime(startsAt, "en") + " is open. Claim it in the app before someone else does.");
        assertThat(stationDateTime(startsAt, "en")).endsWith("14:00");
        // FCM has answered by now, but the records are marked SENT just after: wait for that, not for the count.
        awaitTrue(() -> sendStates(event).size() == 2 && sendStates(event).stream().allMatch("SENT"::equals),
                "two send records, both SENT");
        assertThat(sendStates(event)).containsOnly("SENT");
        assertThat(requestsTo(elsewhere)).isEmpty();
    }

    @Test
    void aDriverGetsAtMostOneOfferPushWithinTenMinutes() {
        String ops = opsToken();
        String station = station(ops, "Throttle " + unique());
        String early = device(flexDriver(ops, station), "en");
        Instant startsAt = Instant.now().plus(Duration.ofDays(1));
        String first = block(station, startsAt, "OFFERED", null);
        append(first, new BlockOffered(first, station, utc(startsAt), 240));
        onlyPushTo(early);
        String late = device(flexDriver(ops, station), "en");
        String second = block(station, startsAt.plusSeconds(3600), "OFFERED", null);
        long secondEvent = append(second, new BlockOffered(second, station, utc(startsAt.plusSeconds(3600)), 240));
        JsonNode lateOffer = onlyPushTo(late);
        assertThat(lateOffer.at("/message/data/blockId").asString()).isEqualTo(second);
        awaitTrue(() -> pendingIsEmpty(), "the second offer handled");
        assertThat(requestsTo(early)).hasSize(1);
        assertThat(sendStates(secondEvent)).containsExactly("SENT");
    }

    @Test
    void aCancelledBlockIsPushedToTheDriverWhoHeldItAndAReminderPrecedesAClaimedBlock() {
        String ops = opsToken();
        String stationName = "Reminder " + unique();
        String station = station(ops, stationName);
        String driver = flexDriver(ops, station);
        String token = device(driver, "es");
        Instant cancelledStart = Instant.now().plus(Duration.ofDays(3));
        String cancelled = block(station, cancelledStart, "CANCELLED", null);
        append(cancelled, new BlockCancelled(cancelled, station, driver, utc(cancelledStart)));
        JsonNode cancel = onlyPushTo(token);
        assertThat(cancel.at("/message/notification/title").asString()).isEqualTo("Bloque cancelado");
        assertThat(cancel.at("/message/notification/body").asString()).isEqualTo("Tu bloque en " + stationName
                + " del " + stationDateTime(cancelledStart, "es") + " fue cancelado. No cuenta como ausencia.");

        Instant soon = Instant.now().plus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
        String claimed = block(station, soon, "CLAIMED", driver);
        awaitTrue(() -> requestsTo(token).size() == 2, "a reminder");
        JsonNode reminder = body(requestsTo(token).get(0)).at("/message/data/type").asString().equals("BlockCancelled")
                ? body(requestsTo(token).get(1)) : body(requestsTo(token).get(0));
        assertThat(reminder.at("/message/notification/title").asString()).isEqualTo("Tu bloque empieza en 30 minutos");
        assertThat(reminder.at("/message/notification/body").asString()).isEqualTo("Llega a " + stationName
                + " antes de las " + DateTimeFormatter.ofPattern("HH:mm").format(soon.atZone(SEATTLE))
                + " y registra tu llegada.");
        assertThat(reminder.at("/message/data/blockId").asString()).isEqualTo(claimed);
        assertThat(reminder.at("/message/data/type").asString()).isEqualTo("BlockReminderDue");
        // Every scan sees the block again; the reminder key lets one of them raise the event.
        awaitTrue(this::pendingIsEmpty, "every entry acknowledged");
        assertThat(db.sql("SELECT count(*) FROM outbox WHERE aggregate_id = :b AND event_type = 'BlockReminderDue'")
                .bind("b", claimed).map(row -> row.get(0, Long.class)).one().block()).isOne();
        assertThat(requestsTo(token)).hasSize(2);
    }

    @Test
    void anOfferThatWasAlreadyClaimedIsDroppedNotSent() {
        String ops = opsToken();
        String station = station(ops, "Stale " + unique());
        String driver = flexDriver(ops, station);
        String token = device(driver, "en");
        Instant startsAt = Instant.now().plus(Duration.ofDays(1));
        String block = block(station, startsAt, "CLAIMED", driver);
        long event = append(block, new BlockOffered(block, station, utc(startsAt), 240));
        awaitTrue(() -> sendStates(event).contains("DROPPED"), "the stale offer dropped");
        assertThat(requestsTo(token)).isEmpty();
    }

    @Test
    void fcm503Then200GivesOnePush() {
        String token = tokenOfNewDriver("en");
        firstRefusedThenAccepted(token, error(503, "UNAVAILABLE", null, "The service is currently unavailable.")
                .withHeader("Retry-After", "1"), "projects/doorstep-test/messages/1:after-503");
        long event = cancelBlockOf(token);
        awaitTrue(() -> sendStates(event).contains("SENT"), "the push accepted");
        assertThat(requestsTo(token)).hasSize(2);
        assertThat(messageIds(event)).containsExactly("projects/doorstep-test/messages/1:after-503");
    }

    @Test
    void quotaExceededWaitsForRetryAfter() {
        String token = tokenOfNewDriver("en");
        firstRefusedThenAccepted(token, error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded")
                .withHeader("Retry-After", "2"), "projects/doorstep-test/messages/2:after-429");
        long event = cancelBlockOf(token);
        awaitTrue(() -> sendStates(event).contains("SENT"), "the push accepted");
        List<LoggedRequest> requests = requestsTo(token);
        assertThat(requests).hasSize(2);
        long waitedMs = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(waitedMs).isBetween(2_000L, 3_500L);
    }

    @Test
    void unregisteredTokenIsForgottenAfterOneRequest() {
        String driver = flexDriver(opsToken(), station(opsToken(), "Gone " + unique()));
        String token = device(driver, "en");
        WireMockFcm.SERVER.stubFor(post(urlPathEqualTo(WireMockFcm.SEND_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
                .willReturn(error(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.")));
        long event = cancelBlockOf(token, driver);
        awaitTrue(() -> sendStates(event).contains("FAILED"), "the push failed");
        assertThat(requestsTo(token)).hasSize(1);
        assertThat(tokenCount(token)).isZero();
    }

    @Test
    void invalidArgumentNamingTheTokenForgetsItAndOtherClientErrorsAreNeverRetried() {
        String badToken = tokenOfNewDriver("en");
        WireMockFcm.SERVER.stubFor(post(urlPathEqualTo(WireMockFcm.SEND_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(badToken)))
                .willReturn(error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
                        "The registration token is not a valid FCM registration token")));
        String refused = tokenOfNewDriver("en");
        WireMockFcm.SERVER.stubFor(post(urlPathEqualTo(WireMockFcm.SEND_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(refused)))
                .willReturn(error(403, "PERMISSION_DENIED", "SENDER_ID_MISMATCH", "SenderId mismatch")));
        long badEvent = cancelBlockOf(badToken);
        long refusedEvent = cancelBlockOf(refused);
        awaitTrue(() -> sendStates(badEvent).contains("FAILED") && sendStates(refusedEvent).contains("FAILED"),
                "both failed");
        assertThat(tokenCount(badToken)).isZero();
        assertThat(tokenCount(refused)).isOne();
        assertThat(requestsTo(badToken)).hasSize(1);
        assertThat(requestsTo(refused)).hasSize(1);
    }

    @Test
    void aPushStillRefusedAfterTheBoundedTimeIsRecordedAsGivenUp() {
        String token = tokenOfNewDriver("en");
        WireMockFcm.SERVER.stubFor(post(urlPathEqualTo(WireMockFcm.SEND_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
                .willReturn(error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded")));
        long started = System.currentTimeMillis();
        long event = cancelBlockOf(token);
        awaitTrue(() -> sendStates(event).contains("GAVE_UP"), "given up");
        assertThat(System.currentTimeMillis() - started).isLessThan(15_000);
        int requests = requestsTo(token).size();
        assertThat(requests).isGreaterThan(2);
        assertThat(tokenCount(token)).isOne();
    }

    @Test
    void anEntryReadByACrashedConsumerIsSentOnceAfterTheRestart() {
        String crashedBeforeSend = tokenOfNewDriver("en");
        String crashedMidSend = tokenOfNewDriver("en");
        String alreadySent = tokenOfNewDriver("en");
        pipeline.stop();
        try {
            StreamEvent beforeSend = cancelEventOf(crashedBeforeSend, System.currentTimeMillis() * 10);
            StreamEvent midSend = cancelEventOf(crashedMidSend, beforeSend.id() + 1);
            StreamEvent sent = cancelEventOf(alreadySent, beforeSend.id() + 2);
            // The crashed node had claimed the mid-send push long ago, and finished the third one.
            sendRecord(midSend.id(), crashedMidSend, "SENDING", "now() - interval '10 minutes'");
            sendRecord(sent.id(), alreadySent, "SENT", "now() - interval '10 minutes'");
            Flux.just(beforeSend, midSend, sent).concatMap(stream::publish).blockLast();
            // A consumer of the group reads the three entries, then dies without acknowledging any.
            List<?> read = redis.opsForStream().read(Consumer.from("notifications", "crashed-" + unique()),
                    StreamReadOptions.empty().count(1000),
                    StreamOffset.create("doorstep:events", ReadOffset.lastConsumed())).collectList().block();
            assertThat(read).hasSizeGreaterThanOrEqualTo(3);
        } finally {
            pipeline.start();
        }
        awaitTrue(() -> requestsTo(crashedBeforeSend).size() == 1 && requestsTo(crashedMidSend).size() == 1,
                "both re-sent after the restart");
        awaitTrue(this::pendingIsEmpty, "every entry acknowledged");
        assertThat(requestsTo(crashedBeforeSend)).hasSize(1);
        assertThat(requestsTo(crashedMidSend)).hasSize(1);
        assertThat(requestsTo(alreadySent)).isEmpty();
    }

    @Test
    void twoAppNodesConsumingTheStreamSendEachPushOnce() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tokens.add(tokenOfNewDriver(i % 2 == 0 ? "en" : "es"));
        }
        try (ConfigurableApplicationContext secondNode = new SpringApplicationBuilder(DoorstepApplication.class)
                .sources(WireMockFcm.class)
                // Arguments, not default properties: those lose to application.yml, and the node would
                // start its own servers in ./data instead of sharing this JVM's PostgreSQL and Redis.
                .run("--server.port=0", "--doorstep.data-dir=" + SharedDataDir.PATH,
                        "--doorstep.notifications.relay.interval=50ms", "--doorstep.notifications.push.poll-interval=50ms")) {
            List<Long> events = new ArrayList<>();
            for (String token : tokens) {
                events.add(cancelBlockOf(token));
            }
            // The relay crashed once before its commit: every event is on the stream twice.
            Flux.fromIterable(events).concatMap(id -> db.sql("SELECT id, event_type, aggregate_id, "
                                    + "payload::text AS payload, occurred_at FROM outbox WHERE id = :id").bind("id", id)
                            .map(row -> new OutboxEvent(row.get("id", Long.class), row.get("event_type", String.class),
                                    row.get("aggregate_id", String.class), row.get("payload", String.class),
                                    row.get("occurred_at", OffsetDateTime.class).toInstant())).one())
                    .concatMap(stream::publish).blockLast();
            awaitTrue(() -> tokens.stream().allMatch(t -> requestsTo(t).size() == 1), "a push to every token");
            awaitTrue(this::pendingIsEmpty, "every entry acknowledged");
            tokens.forEach(t -> assertThat(requestsTo(t)).as(t).hasSize(1));
            List<String> nodes = db.sql("SELECT DISTINCT claimed_by FROM push_sends WHERE event_id = ANY(:ids)")
                    .bind("ids", events.toArray(Long[]::new)).map(row -> row.get(0, String.class)).all()
                    .collectList().block();
            assertThat(nodes).isNotEmpty();
        }
    }

    @Test
    void aSendSlowerThanTheSendLeaseIsNeitherTakenOverNorSentAgain() throws InterruptedException {
        String token = tokenOfNewDriver("en");
        // FCM answers this token after 4 s: four times the other node's lease and its stream claim-idle time.
        WireMockFcm.SERVER.stubFor(post(urlPathEqualTo(WireMockFcm.SEND_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
                .willReturn(okJson("{\"name\":\"projects/doorstep-test/messages/slow\"}").withFixedDelay(4000)));
        pipeline.stop();
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(DoorstepApplication.class)
                .sources(WireMockFcm.class)
                .run("--server.port=0", "--doorstep.data-dir=" + SharedDataDir.PATH,
                        "--doorstep.notifications.relay.interval=50ms", "--doorstep.notifications.push.poll-interval=50ms",
                        "--doorstep.notifications.push.send-lease=1s", "--doorstep.notifications.push.claim-idle=1s")) {
            long event = cancelBlockOf(token);
            awaitTrue(() -> !requestsTo(token).isEmpty(), "the push sent");
            // The entry is taken over again every half second meanwhile; a lease left to run out under the live
            // send would let one of those takeovers send it again.
            awaitTrue(() -> "SENT".equals(sendState(event, token)), "the send recorded");
            Thread.sleep(2000);
            assertThat(requestsTo(token)).hasSize(1);
            assertThat(sendState(event, token)).isEqualTo("SENT");
        } finally {
            pipeline.start();
        }
    }

    private String sendState(long event, String token) {
        return db.sql("SELECT state FROM push_sends WHERE event_id = :e AND token = :t").bind("e", event)
                .bind("t", token).map(row -> row.get(0, String.class)).one().block();
    }

    @Test
    void anEventOnTheStreamManyTimesAtOnceIsPushedOnceThoughItsClaimsShareOneStatement() {
        String token = tokenOfNewDriver("en");
        StreamEvent event = cancelEventOf(token, System.currentTimeMillis() * 10 + 5);
        // Forty copies appended in one go are read in one batch and handled at once: their claims (and finishes)
        // go to the database together, and exactly one of them may own the push.
        Flux.range(0, 40).flatMap(i -> stream.publish(event)).blockLast();
        awaitTrue(() -> requestsTo(token).size() == 1, "the push");
        awaitTrue(this::pendingIsEmpty, "every copy acknowledged");
        assertThat(requestsTo(token)).hasSize(1);
        assertThat(sendStates(event.id())).containsExactly("SENT");
    }

    @Test
    void theEventsOfOneStreamReadAreClaimedAndRecordedTogetherInOneStatementEach() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tokens.add(tokenOfNewDriver("en"));
        }
        List<Long> events = new ArrayList<>();
        pipeline.stop();
        try {
            long first = System.currentTimeMillis() * 10 + 1;
            List<StreamEvent> published = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                published.add(cancelEventOf(tokens.get(i), first + i));
                events.add(first + i);
            }
            // Appended while no consumer runs: the next consumer gets them all in its first read.
            Flux.fromIterable(published).concatMap(stream::publish).blockLast();
        } finally {
            pipeline.start();
        }
        awaitTrue(() -> tokens.stream().allMatch(t -> requestsTo(t).size() == 1), "a push to every token");
        awaitTrue(this::pendingIsEmpty, "every entry acknowledged");
        // One statement claims the read's pushes and one records their outcomes: PostgreSQL's now() is the
        // statement's transaction time, the same for every row a statement writes.
        Map<String, Long> times = db.sql("""
                        SELECT count(DISTINCT claimed_at) AS claims, count(DISTINCT finished_at) AS finishes,
                        count(*) FILTER (WHERE state = 'SENT') AS sent FROM push_sends WHERE event_id = ANY(:ids)""")
                .bind("ids", events.toArray(Long[]::new))
                .map(row -> Map.of("claims", row.get("claims", Long.class), "finishes",
                        row.get("finishes", Long.class), "sent", row.get("sent", Long.class)))
                .one().block();
        assertThat(times).containsEntry("sent", (long) tokens.size()).containsEntry("claims", 1L)
                .containsEntry("finishes", 1L);
        tokens.forEach(t -> assertThat(requestsTo(t)).as(t).hasSize(1));
    }

    @Test
    void anEventOfATypeNoConsumerReadsIsAcknowledgedAndNeverRetried() {
        long eventId = System.currentTimeMillis() * 10 + 3;
        String entry = stream.publish(new OutboxEvent(eventId, "SomethingNewer", "agg-" + unique(), "{\"id\":\"x\"}",
                Instant.now())).block();
        String token = tokenOfNewDriver("en");
        stream.publish(cancelEventOf(token, eventId + 1)).block();
        // Entries are read in stream order: once the next one was pushed, the unknown one was read before it.
        awaitTrue(() -> requestsTo(token).size() == 1, "the next event pushed");
        awaitTrue(() -> !isPending(entry), "the unknown entry acknowledged");
        assertThat(sendStates(eventId)).isEmpty();
    }

    @Test
    void twoRelaysRacingMoveEachOutboxRowToTheStreamOnce() {
        String aggregate = "race-" + unique();
        Flux.range(0, 300).concatMap(i -> outbox.append(aggregate, new SomethingElse(aggregate + "-" + i)))
                .blockLast();
        Flux.merge(relay.relayAll().subscribeOn(Schedulers.boundedElastic()),
                relay.relayAll().subscribeOn(Schedulers.boundedElastic())).blockLast();
        awaitTrue(() -> unrelayed(aggregate) == 0, "every row relayed");
        List<String> onStream = redis.opsForStream().range("doorstep:events", Range.unbounded())
                .filter(r -> aggregate.equals(r.getValue().get("aggregate")))
                .map(r -> String.valueOf(r.getValue().get("id"))).collectList().block();
        assertThat(onStream).hasSize(300).doesNotHaveDuplicates();
    }

    @Test
    void relayBatchesAppendedByOneScriptCarryEveryEventOnceWithEveryField() {
        String aggregate = "batch-" + unique();
        List<SomethingElse> events = IntStream.range(0, 300)
                .mapToObj(i -> new SomethingElse(aggregate + "-" + i)).toList();
        // One statement, one commit: the 300 rows become visible to the relay (this test's or the app's) at once.
        outbox.appendAll(events, e -> aggregate).block();
        relay.relayAll().block();
        awaitTrue(() -> unrelayed(aggregate) == 0, "every row relayed");
        List<Map<Object, Object>> onStream = redis.opsForStream().range("doorstep:events", Range.unbounded())
                .map(r -> r.getValue()).filter(fields -> aggregate.equals(fields.get("aggregate")))
                .collectList().block();
        // Each batch goes in outbox order (RelayAppendUnitTests); batches that the app's relay round and this test's
        // took at the same time (FOR UPDATE SKIP LOCKED, as on several nodes) may land in either order.
        assertThat(onStream).extracting(fields -> String.valueOf(fields.get("payload"))
                        .replaceAll("^\\{\"id\": ?\"([^\"]+)\"}$", "$1"))
                .containsExactlyInAnyOrderElementsOf(events.stream().map(SomethingElse::id).toList());
        assertThat(onStream).allSatisfy(fields -> {
            assertThat(fields.get("type")).isEqualTo("SomethingElse");
            assertThat(Instant.parse(String.valueOf(fields.get("occurredAt")))).isNotNull();
        });
    }

    @Test
    void healthSaysFcmAndPrometheusShowsTheCountersAndLatencyPercentiles() {
        HealthIndicator fcm = context.getBean("fcmHealthIndicator", HealthIndicator.class);
        assertThat(fcm.health().getDetails()).containsEntry("mode", "fcm");
        String token = tokenOfNewDriver("en");
        long event = cancelBlockOf(token);
        awaitTrue(() -> sendStates(event).contains("SENT"), "one push sent");
        String metrics = plainClient(port).get().uri("/actuator/prometheus")
                .headers(h -> h.setBearerAuth(token("monitoring-" + unique(), "SERVICE"))).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("doorstep_notifications_pushes_sent_total{mode=\"fcm\"}")
                .contains("doorstep_notifications_pushes_retried_total")
                .contains("doorstep_notifications_pushes_dropped_total")
                .contains("doorstep_notifications_pushes_failed_total{reason=\"gave-up\"}")
                .contains("doorstep_notifications_event_to_accepted_seconds{quantile=\"0.5\"}")
                .contains("doorstep_notifications_event_to_accepted_seconds{quantile=\"0.99\"}");
    }

    // --- helpers ---------------------------------------------------------------------------------------

    /** FCM answers {@code first} to the first request for {@code token}, then accepts it as {@code messageId}. */
    private static void firstRefusedThenAccepted(String token, ResponseDefinitionBuilder first, String messageId) {
        String scenario = "refused-once-" + token;
        WireMockFcm.SERVER.stubFor(post(urlPathEqualTo(WireMockFcm.SEND_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("accepting")
                .willReturn(first));
        WireMockFcm.SERVER.stubFor(post(urlPathEqualTo(WireMockFcm.SEND_PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
                .inScenario(scenario).whenScenarioStateIs("accepting")
                .willReturn(okJson("{\"name\":\"" + messageId + "\"}")));
    }

    private static ResponseDefinitionBuilder error(int status, String rpcStatus, String fcmCode, String message) {
        String details = fcmCode == null ? "" : ",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1."
                + "FcmError\",\"errorCode\":\"" + fcmCode + "\"}]";
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"status\":\"" + rpcStatus
                        + "\"" + details + "}}");
    }

    private String station(String ops, String name) {
        Map<String, Object> body = new java.util.HashMap<>(stationBody(name));
        Map<?, ?> station = http.post().uri("/v1/stations").headers(h -> h.setBearerAuth(ops)).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) station.get("id");
    }

    private String flexDriver(String ops, String station) {
        Map<?, ?> driver = http.post().uri("/v1/drivers").headers(h -> h.setBearerAuth(ops))
                .bodyValue(Map.of("name", "Driver " + unique(), "kind", "FLEX", "homeStationId", station,
                        "phone", "+12065550100"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) driver.get("id");
    }

    private String device(String driverId, String locale) {
        String fcm = "fcm-" + unique() + "-" + unique();
        http.post().uri("/v1/driver/devices").headers(h -> h.setBearerAuth(token(driverId, "DRIVER")))
                .bodyValue(Map.of("token", fcm, "platform", "ANDROID", "locale", locale)).exchange()
                .expectStatus().isCreated();
        return fcm;
    }

    private final Map<String, String> driverOfToken = new java.util.concurrent.ConcurrentHashMap<>();

    private String tokenOfNewDriver(String locale) {
        String ops = opsToken();
        String driver = flexDriver(ops, station(ops, "Station " + unique()));
        String token = device(driver, locale);
        driverOfToken.put(token, driver);
        return token;
    }

    private long cancelBlockOf(String token) {
        return cancelBlockOf(token, driverOfToken.get(token));
    }

    private long cancelBlockOf(String token, String driver) {
        String station = db.sql("SELECT home_station_id FROM drivers WHERE id = :id").bind("id", driver)
                .map(row -> row.get(0, String.class)).one().block();
        Instant startsAt = Instant.now().plus(Duration.ofDays(2));
        String block = block(station, startsAt, "CANCELLED", null);
        return append(block, new BlockCancelled(block, station, driver, utc(startsAt)));
    }

    /** A BlockCancelled event for the token's driver, as it would come off the stream, not in the outbox. */
    private StreamEvent cancelEventOf(String token, long eventId) {
        String driver = driverOfToken.get(token);
        String station = db.sql("SELECT home_station_id FROM drivers WHERE id = :id").bind("id", driver)
                .map(row -> row.get(0, String.class)).one().block();
        String block = "blk_" + unique();
        return new StreamEvent(eventId, block, new BlockCancelled(block, station, driver,
                utc(Instant.now().plus(Duration.ofDays(1)))), Instant.now());
    }

    private void sendRecord(long eventId, String token, String state, String claimedAt) {
        db.sql("INSERT INTO push_sends (event_id, token, state, claimed_by, claimed_at) VALUES (:e, :t, :s, "
                        + "'node_crashed', " + claimedAt + ")")
                .bind("e", eventId).bind("t", token).bind("s", state).then().block();
    }

    private String block(String station, Instant startsAt, String status, String driver) {
        String id = "blk_" + unique() + unique();
        db.sql("INSERT INTO blocks (id, station_id, starts_at, duration_minutes, pay_amount, pay_currency, service_type, "
                        + "status, driver_id) VALUES (:id, :station, :starts, 240, 96, 'USD', 'LOGISTICS', :status, :driver)")
                .bind("id", id).bind("station", station).bind("starts", startsAt.atOffset(ZoneOffset.UTC))
                .bind("status", status).bind("driver", Parameter.fromOrEmpty(driver, String.class))
                .then().block();
        return id;
    }

    private long append(String aggregate, Record event) {
        outbox.append(aggregate, event).block();
        return db.sql("SELECT max(id) FROM outbox WHERE aggregate_id = :a AND event_type = :t")
                .bind("a", aggregate).bind("t", EventTypes.nameOf(event))
                .map(row -> row.get(0, Long.class)).one().block();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private List<String> sendStates(long eventId) {
        return db.sql("SELECT state FROM push_sends WHERE event_id = :e").bind("e", eventId)
                .map(row -> row.get(0, String.class)).all().collectList().block();
    }

    private List<String> messageIds(long eventId) {
        return db.sql("SELECT message_id FROM push_sends WHERE event_id = :e").bind("e", eventId)
                .map(row -> row.get(0, String.class)).all().collectList().block();
    }

    private long tokenCount(String token) {
        return db.sql("SELECT count(*) FROM device_tokens WHERE token = :t").bind("t", token)
                .map(row -> row.get(0, Long.class)).one().block();
    }

    private long unrelayed(String aggregate) {
        return db.sql("SELECT count(*) FROM outbox WHERE aggregate_id = :a AND relayed_at IS NULL").bind("a", aggregate)
                .map(row -> row.get(0, Long.class)).one().block();
    }

    /** Whether the stream entry was read by the group but not acknowledged. */
    private boolean isPending(String entryId) {
        Boolean pending = redis.opsForStream().pending("doorstep:events", "notifications", Range.unbounded(), 10_000)
                .map(all -> all.stream().anyMatch(p -> p.getIdAsString().equals(entryId))).block();
        return pending == null || pending;
    }

    private boolean pendingIsEmpty() {
        Long pending = stream.pendingCount("notifications").block();
        return pending != null && pending == 0;
    }

    private static JsonNode onlyPushTo(String token) {
        awaitTrue(() -> !requestsTo(token).isEmpty(), "a push to " + token);
        List<LoggedRequest> requests = requestsTo(token);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bearer test");
        return body(requests.get(0));
    }

    private static String stationDateTime(Instant at, String language) {
        return DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.forLanguageTag(language)).format(at.atZone(SEATTLE));
    }
}
