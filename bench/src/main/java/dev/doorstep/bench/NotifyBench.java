package dev.doorstep.bench;

import dev.doorstep.client.api.BlocksApi;
import dev.doorstep.client.model.BlockDraft;
import dev.doorstep.client.model.BlockList;
import dev.doorstep.client.model.Pay;
import dev.doorstep.client.model.Role;
import io.netty.handler.codec.http.HttpMethod;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench/run notify}: BlockOffered events through the whole push pipeline (outbox, relay, Redis stream,
 * consumer group, send records, the real Firebase Admin SDK) to a Reactor Netty FCM stand-in on loopback ({@link FcmStub}), which
 * the app reaches through {@code doorstep.notifications.fcm.endpoint-override} with a generated service account.
 *
 * <p>{@code --mode outbox} (the default) writes the events straight into the app's outbox table over JDBC (its
 * embedded PostgreSQL, from the data directory), at {@code --rate} events/s (0: as fast as it can), for one offered
 * block at a station with one Flex driver and one device token, seeded through the API: one event, one push.
 * {@code --mode api} creates the blocks through the API instead (100 a request, {@code --parallel} at once), which
 * paces the events. Both print events/s from the first event to the stub's acceptance of the last push, the app's own
 * event-to-accepted percentiles from /actuator/prometheus, and (outbox mode) the same latency measured by the bench
 * (insert committed to push accepted), duplicates and losses counted at the stub per event id and in the app's send
 * records, and the stub alone (the same kind of requests straight from the bench) as the baseline.
 */
final class NotifyBench {

    private static final Pattern SENT = Pattern.compile(
            "doorstep_notifications_pushes_sent_total\\{[^}]*mode=\"fcm\"[^}]*}\\s+([0-9.eE+-]+)");

    private NotifyBench() {
    }

    static void run(BenchOptions options) throws Exception {
        String mode = options.text("mode", "outbox");
        if (!mode.equals("outbox") && !mode.equals("api")) {
            throw new IllegalArgumentException("--mode is outbox or api, not " + mode);
        }
        int events = options.number("events", mode.equals("outbox") ? 50_000 : 10_000);
        try (FcmStub fcm = new FcmStub(options.number("stub-threads", 2))) {
            double stubAlone = stubAlone(fcm, options.number("stub-seconds", 10),
                    options.number("stub-concurrency", 64));
            fcm.reset();
            if (events == 0) {
                return;
            }
            Map<String, String> environment = Map.of(
                    "DOORSTEP_FCM_CREDENTIALS_FILE", serviceAccount().toString(),
                    "DOORSTEP_FCM_ENDPOINT_OVERRIDE", fcm.url(),
                    "DOORSTEP_NOTIFICATIONS_PUSH_OFFERTHROTTLE", "0s");
            try (AppUnderTest app = AppUnderTest.at(null, environment)) {
                if (mode.equals("api")) {
                    burst(app.url(), events, options.number("parallel", 8), stubAlone);
                } else {
                    outbox(app, fcm, events, options.number("warmup-events", 20_000), options.number("rate", 5_000),
                            stubAlone, options.text("jfr", null));
                }
            }
        }
    }

    /**
     * The stub's own limit: FCM-shaped pushes (each with an event id of its own, below zero) from the bench's Reactor
     * Netty HTTP/1.1 load client, {@code concurrency} keep-alive connections in a closed loop, for {@code seconds}
     * after a warm-up; answers pushes/s, checked against the stub's own count.
     */
    private static double stubAlone(FcmStub fcm, int seconds, int concurrency) {
        AtomicLong next = new AtomicLong();
        String path = "/v1/projects/doorstep-bench/messages:send";
        LoadClient.Calls calls = lane -> new LoadClient.Call(HttpMethod.POST, path, "Bearer bench",
                "application/json; charset=UTF-8", ("{\"message\":{\"token\":\"bench-device-1\",\"notification\":{"
                        + "\"title\":\"New block\",\"body\":\"A block at Bench station\"},\"data\":{\"type\":"
                        + "\"BlockOffered\",\"eventId\":\"" + (-1 - next.getAndIncrement()) + "\",\"blockId\":"
                        + "\"blk_bench\"}},\"validate_only\":false}").getBytes(StandardCharsets.UTF_8));
        LoadClient.Check check = answer -> answer.status() == 200 ? 1 : -1;
        try (LoadClient load = new LoadClient(fcm.url(), concurrency)) {
            // Warm-up until 50,000 pushes were answered or a minute passed: a cold JVM on a starved machine measured
            // 136 pushes/s where a warm one took 8,378.
            long warm = 0;
            long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (warm < 50_000 && System.nanoTime() < until) {
                warm += load.run(Duration.ofSeconds(5), calls, check).ok();
            }
            fcm.reset();
            LoadClient.Result result = load.run(Duration.ofSeconds(seconds), calls, check);
            if (result.errors() > 0 || fcm.accepted() != result.ok() || fcm.distinctEvents() != result.ok()) {
                throw new IllegalStateException("the stub alone: " + result.ok() + " answered 200, " + result.errors()
                        + " errors, " + fcm.accepted() + " counted, " + fcm.distinctEvents() + " distinct");
            }
            System.out.printf(Locale.ROOT, "notify: the stub alone took %d pushes (%d connections) in %.1f s = %.0f "
                            + "pushes/s, p50 %.2f ms, p99 %.2f ms%n", result.ok(), concurrency, result.seconds(),
                    result.perSecond(), result.percentileMs(50), result.percentileMs(99));
            return result.perSecond();
        }
    }

    private static void outbox(AppUnderTest app, FcmStub fcm, int events, int warmup, int rate, double stubAlone,
            String jfr) throws Exception {
        String url = app.url();
        HttpClient client = HttpClient.newHttpClient();
        BenchApi api = new BenchApi(url);
        String ops = api.opsToken();
        String station = flexStation(api, ops);
        Instant startsAt = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        // One real offered block: the push's staleness check finds it still offered and not started.
        BlockList block = new BlocksApi(api.as(ops)).createBlocks(station, blockDraft(startsAt, 1));
        String blockId = block.getItems().get(0).getId();
        awaitAccepted(fcm, 1, Duration.ofMinutes(1));
        fcm.reset();
        String monitoring = api.token("bench-prometheus", Role.SERVICE);
        String payload = "{\"blockId\":\"" + blockId + "\",\"stationId\":\"" + station + "\",\"startsAt\":\""
                + startsAt + "\",\"durationMinutes\":240}";

        long[] ids = new long[events];
        long[] committedAt = new long[events];
        String jdbc = "jdbc:postgresql://127.0.0.1:" + app.postgresPort() + "/postgres";
        long t0;
        double written;
        Duration cpu0;
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
            PreparedStatement insert = db.prepareStatement("""
                    INSERT INTO outbox (event_type, aggregate_id, payload)
                    SELECT 'BlockOffered', ?, CAST(? AS jsonb) FROM generate_series(1, ?) RETURNING id""");
            insert.setString(1, blockId);
            insert.setString(2, payload);
            if (warmup > 0) {
                // The app's JIT warms up on events of its own, pushed and counted apart: the figure is the drain of
                // a running node, not of a fresh JVM (a fresh one on a starved machine took several times longer).
                long w0 = System.nanoTime();
                write(insert, warmup, rate, new long[warmup], new long[warmup]);
                awaitDistinct(fcm, warmup, Duration.ofMinutes(10));
                System.out.printf(Locale.ROOT, "notify: warm-up, %d events, %d of them pushed (%d pushes) in %.1f s%n",
                        warmup, fcm.distinctEvents(), fcm.accepted(), (System.nanoTime() - w0) / 1e9);
                fcm.reset();
            }
            if (jfr != null) {
                // A flight recording of the app while it drains the events (--jfr FILE): where the time goes.
                new ProcessBuilder("jcmd", Long.toString(app.pid()), "JFR.start", "name=notify", "settings=profile",
                        "filename=" + Path.of(jfr).toAbsolutePath()).inheritIO().start().waitFor();
            }
            cpu0 = app.cpu();
            t0 = write(insert, events, rate, ids, committedAt);
            written = (System.nanoTime() - t0) / 1e9;
            awaitDistinct(fcm, events, Duration.ofMinutes(10));
            Duration cpu = cpu0 == null || app.cpu() == null ? null : app.cpu().minus(cpu0);
            if (jfr != null) {
                new ProcessBuilder("jcmd", Long.toString(app.pid()), "JFR.stop", "name=notify").inheritIO().start()
                        .waitFor();
            }
            // Late duplicates would come within the stream's redelivery time; this catches those of a running node.
            Thread.sleep(2_000);
            double seconds = (fcm.lastAcceptedNanos() - t0) / 1e9;
            Set<Long> writtenIds = new HashSet<>(events * 2);
            long[] latencies = new long[events];
            int seen = 0;
            long duplicates = 0;
            for (int i = 0; i < events; i++) {
                writtenIds.add(ids[i]);
                int count = fcm.count(ids[i]);
                duplicates += Math.max(0, count - 1);
                Long first = fcm.firstAccepted(ids[i]);
                if (first != null) {
                    latencies[seen++] = first - committedAt[i];
                }
            }
            long lost = events - seen;
            long strangers = fcm.counts().keySet().stream().filter(id -> !writtenIds.contains(id)).count();
            Arrays.sort(latencies, 0, seen);
            long[] records = sendRecords(db, ids);
            String metrics = prometheus(client, url, monitoring);
            System.out.printf(Locale.ROOT, "notify: %d events written to the outbox in %.1f s (rate %s), %d pushes "
                            + "accepted, last %.1f s after the first write = %.0f events/s; event-to-accepted "
                            + "(app) p50 %.0f ms, p99 %.0f ms; (bench) p50 %.0f ms, p99 %.0f ms; duplicates %d, "
                            + "lost %d, unknown %d; push_sends SENT %d, other %d; app CPU %.0f us/event; stub alone "
                            + "%.0f pushes/s, ratio %.2f%n",
                    events, written, rate <= 0 ? "unpaced" : rate + "/s", fcm.accepted(), seconds, events / seconds,
                    quantile(metrics, "0.5") * 1000, quantile(metrics, "0.99") * 1000,
                    percentile(latencies, seen, 0.5) / 1e6, percentile(latencies, seen, 0.99) / 1e6,
                    duplicates, lost, strangers, records[0], records[1],
                    cpu == null ? Double.NaN : cpu.toNanos() / 1e3 / events, stubAlone, events / seconds / stubAlone);
        }
    }

    /**
     * Writes {@code events} outbox rows at {@code rate} a second (0: at once), 1,000 a statement at most, filling in
     * their ids and when each was committed; answers when the first write began ({@code System.nanoTime()}).
     */
    private static long write(PreparedStatement insert, int events, int rate, long[] ids, long[] committedAt)
            throws Exception {
        long t0 = System.nanoTime();
        int made = 0;
        while (made < events) {
            long due = rate <= 0 ? events : Math.min(events, (long) ((System.nanoTime() - t0) / 1e9 * rate) + 1);
            int now = (int) Math.min(1_000, due - made);
            if (now <= 0) {
                Thread.sleep(2);
                continue;
            }
            insert.setInt(3, now);
            int from = made;
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    ids[made++] = rows.getLong(1);
                }
            }
            Arrays.fill(committedAt, from, made, System.nanoTime());
        }
        return t0;
    }

    /** The app's send records of these events: SENT, and any other state. */
    private static long[] sendRecords(Connection db, long[] ids) throws Exception {
        try (PreparedStatement query = db.prepareStatement("""
                SELECT count(*) FILTER (WHERE state = 'SENT'), count(*) FILTER (WHERE state <> 'SENT')
                FROM push_sends WHERE event_id = ANY(?)""")) {
            query.setArray(1, db.createArrayOf("bigint", Arrays.stream(ids).boxed().toArray()));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2)};
            }
        }
    }

    private static double percentile(long[] sorted, int n, double q) {
        return n == 0 ? Double.NaN : sorted[Math.min(n - 1, (int) Math.ceil(q * n) - 1)];
    }

    private static void awaitAccepted(FcmStub fcm, long pushes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (fcm.accepted() < pushes) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + fcm.accepted() + " of " + pushes + " pushes accepted after "
                        + timeout);
            }
            Thread.sleep(20);
        }
    }

    /** Waits until {@code events} distinct events were pushed, or no new one came for a minute (some were lost). */
    private static void awaitDistinct(FcmStub fcm, int events, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        long lastProgress = System.nanoTime();
        while (fcm.distinctEvents() < events && System.nanoTime() < deadline) {
            int now = fcm.distinctEvents();
            if (now != last) {
                last = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > Duration.ofMinutes(1).toNanos()) {
                System.out.println("notify: no new push for a minute; " + now + " of " + events + " events pushed");
                return;
            }
            Thread.sleep(5);
        }
    }

    private static BlockDraft blockDraft(Instant startsAt, int count) {
        return new BlockDraft().startsAt(startsAt.atOffset(ZoneOffset.UTC)).durationMinutes(240)
                .pay(new Pay().amount(BigDecimal.valueOf(96)).currency("USD"))
                .serviceType(BlockDraft.ServiceTypeEnum.LOGISTICS).count(count);
    }

    /** A station with one Flex driver whose one device takes every push of the run; returns the station's id. */
    private static String flexStation(BenchApi api, String ops) throws Exception {
        String station = api.station(ops);
        String driver = api.driver(ops, "Bench Flex", null, station);
        api.pushDevice(api.token(driver, Role.DRIVER), "bench-device-1");
        return station;
    }

    private static void burst(String url, int events, int parallel, double stubAlone) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        BenchApi api = new BenchApi(url);
        String ops = api.opsToken();
        String station = flexStation(api, ops);
        BlocksApi blocks = new BlocksApi(api.as(ops));
        // Metrics need the SERVICE role, as a Prometheus scraper has.
        String monitoring = api.token("bench-prometheus", Role.SERVICE);
        double before = sent(client, url, monitoring);

        Instant startsAt = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        List<Callable<BlockList>> requests = new ArrayList<>();
        for (int made = 0; made < events; made += 100) {
            BlockDraft body = blockDraft(startsAt, Math.min(100, events - made));
            requests.add(() -> blocks.createBlocks(station, body));
        }
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            for (Future<BlockList> done : pool.invokeAll(requests)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        double created = (System.nanoTime() - t0) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (sent(client, url, monitoring) - before < events) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + (sent(client, url, monitoring) - before) + " of " + events
                        + " pushes accepted after 10 minutes");
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String metrics = prometheus(client, url, monitoring);
        System.out.printf(Locale.ROOT, "notify: %d events in %.1f s = %.0f events/s (created through the API in %.1f s, last push "
                        + "accepted %.1f s later), event-to-accepted p50 %.0f ms, p99 %.0f ms; stub alone %.0f "
                        + "pushes/s, ratio %.2f%n", events, seconds,
                events / seconds, created, seconds - created,
                quantile(metrics, "0.5") * 1000, quantile(metrics, "0.99") * 1000, stubAlone,
                events / seconds / stubAlone);
    }

    private static double sent(HttpClient client, String url, String token) throws Exception {
        Matcher m = SENT.matcher(prometheus(client, url, token));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static double quantile(String metrics, String q) {
        Matcher m = Pattern.compile("doorstep_notifications_event_to_accepted_seconds\\{[^}]*quantile=\"" + Pattern.quote(q)
                + "\"[^}]*}\\s+([0-9.eE+-]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static String prometheus(HttpClient client, String url, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                        .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A service account with a fresh key: the SDK signs its token request with it and sends it to the stand-in. */
    static Path serviceAccount() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\\n"
                + Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\\n-----END PRIVATE KEY-----\\n";
        String json = "{\"type\":\"service_account\",\"project_id\":\"doorstep-bench\",\"private_key_id\":\"bench\","
                + "\"private_key\":\"" + pem + "\",\"client_email\":\"bench@doorstep-bench.iam.gserviceaccount.com\","
                + "\"client_id\":\"1\",\"token_uri\":\"https://oauth2.googleapis.com/token\"}";
        Path file = Files.createTempFile("doorstep-bench-fcm", ".json");
        Files.writeString(file, json);
        return file;
    }
}
