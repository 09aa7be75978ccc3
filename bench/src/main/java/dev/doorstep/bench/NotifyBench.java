package dev.doorstep.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.doorstep.client.api.BlocksApi;
import dev.doorstep.client.model.BlockDraft;
import dev.doorstep.client.model.BlockList;
import dev.doorstep.client.model.Pay;
import dev.doorstep.client.model.Role;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench/run notify}: a burst of BlockOffered events (Flex blocks created through the API, 100 a request,
 * at a station with one Flex driver and a device token) through the whole push pipeline (outbox, relay, Redis
 * stream, consumer group, send records, the real Firebase Admin SDK) to a WireMock FCM on loopback, which the
 * app reaches through {@code doorstep.notifications.fcm.endpoint-override} with a generated service account.
 * Prints events/s (from the first create request to FCM's acceptance of the last push) and the app's own
 * event-to-accepted percentiles from /actuator/prometheus.
 */
final class NotifyBench {

    private static final Pattern SENT = Pattern.compile(
            "doorstep_notifications_pushes_sent_total\\{[^}]*mode=\"fcm\"[^}]*}\\s+([0-9.eE+-]+)");

    private NotifyBench() {
    }

    static void run(BenchOptions options) throws Exception {
        int events = options.number("events", 10_000);
        int parallel = options.number("parallel", 8);
        WireMockServer fcm = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(64).disableRequestJournal());
        fcm.start();
        try {
            fcm.stubFor(post(urlPathEqualTo("/token")).willReturn(
                    okJson("{\"access_token\":\"bench\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
            fcm.stubFor(post(urlPathMatching("/v1/projects/.*/messages:send")).willReturn(
                    okJson("{\"name\":\"projects/doorstep-bench/messages/0:accepted\"}")));
            Map<String, String> environment = Map.of(
                    "DOORSTEP_FCM_CREDENTIALS_FILE", serviceAccount().toString(),
                    "DOORSTEP_FCM_ENDPOINT_OVERRIDE", "http://127.0.0.1:" + fcm.port(),
                    "DOORSTEP_NOTIFICATIONS_PUSH_OFFERTHROTTLE", "0s");
            try (AppUnderTest app = AppUnderTest.at(null, environment)) {
                burst(app.url(), events, parallel);
            }
        } finally {
            fcm.stop();
        }
    }

    private static void burst(String url, int events, int parallel) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        BenchApi api = new BenchApi(url);
        String ops = api.opsToken();
        String station = api.station(ops);
        String driver = api.driver(ops, "Bench Flex", null, station);
        api.pushDevice(api.token(driver, Role.DRIVER), "bench-device-1");
        BlocksApi blocks = new BlocksApi(api.as(ops));
        // Metrics need the SERVICE role, as a Prometheus scraper has.
        String monitoring = api.token("bench-prometheus", Role.SERVICE);
        double before = sent(client, url, monitoring);

        Instant startsAt = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        List<Callable<BlockList>> requests = new ArrayList<>();
        for (int made = 0; made < events; made += 100) {
            BlockDraft body = new BlockDraft().startsAt(startsAt.atOffset(ZoneOffset.UTC)).durationMinutes(240)
                    .pay(new Pay().amount(BigDecimal.valueOf(96)).currency("USD"))
                    .serviceType(BlockDraft.ServiceTypeEnum.LOGISTICS).count(Math.min(100, events - made));
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
                        + "accepted %.1f s later), event-to-accepted p50 %.0f ms, p99 %.0f ms%n", events, seconds,
                events / seconds, created, seconds - created,
                quantile(metrics, "0.5") * 1000, quantile(metrics, "0.99") * 1000);
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
