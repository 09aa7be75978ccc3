package dev.doorstep.api.nodes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drivers sending pings and claiming blocks through the proxy until stopped, each remembering only what the app
 * acknowledged (a 200): the pings of a batch answered 200, the blocks whose claim was answered 200. Anything else
 * (a 502 from the proxy, a reset connection) is counted as not acknowledged, as a phone would keep it to resend.
 */
final class Load {

    record Driver(String id, String token) {
    }

    /** What was acknowledged: ping times per driver, claimed blocks (block to driver), and the failures. */
    record Outcome(Map<String, List<Instant>> pings, Map<String, String> claims, int failures,
            Map<String, Integer> failureKinds) {

        int pingCount() {
            return pings.values().stream().mapToInt(List::size).sum();
        }
    }

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, List<Instant>> pings = new ConcurrentHashMap<>();
    private final Map<String, String> claims = new ConcurrentHashMap<>();
    private final Map<String, Integer> failureKinds = new ConcurrentHashMap<>();
    private final AtomicInteger failures = new AtomicInteger();

    Load(int proxyPort) {
        this.base = "http://127.0.0.1:" + proxyPort;
    }

    void start(List<Driver> pingers, List<Driver> claimers, List<String> blocks) {
        for (int t = 0; t < 3; t++) {
            List<Driver> mine = new ArrayList<>();
            for (int i = t; i < pingers.size(); i += 3) {
                mine.add(pingers.get(i));
            }
            threads.submit(() -> pingUntilStopped(mine));
        }
        threads.submit(() -> claimUntilStopped(claimers, blocks));
    }

    Outcome stop() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        threads.awaitTermination(60, TimeUnit.SECONDS);
        return new Outcome(pings, claims, failures.get(), failureKinds);
    }

    private void pingUntilStopped(List<Driver> drivers) {
        double step = 0;
        while (running.get()) {
            for (Driver driver : drivers) {
                Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                List<Instant> batch = new ArrayList<>();
                StringBuilder body = new StringBuilder("{\"pings\":[");
                for (int i = 0; i < 5; i++) {
                    Instant ts = first.minusMillis(5 - i);
                    batch.add(ts);
                    step += 0.000001;
                    body.append(i == 0 ? "" : ",").append("{\"ts\":\"").append(ts).append("\",\"lat\":")
                            .append(47.6 + step).append(",\"lon\":-122.33}");
                }
                body.append("]}");
                if (send("POST", "/v1/driver/pings", driver.token(), body.toString())) {
                    pings.computeIfAbsent(driver.id(), d -> new ArrayList<>()).addAll(batch);
                }
            }
        }
    }

    private void claimUntilStopped(List<Driver> drivers, List<String> blocks) {
        for (int i = 0; i < drivers.size() && running.get(); i++) {
            if (send("POST", "/v1/driver/offers/" + blocks.get(i) + "/claim", drivers.get(i).token(), null)) {
                claims.put(blocks.get(i), drivers.get(i).id());
            }
            // Spread over the run, so that some claims fall around the kill.
            sleep(Duration.ofMillis(300));
        }
    }

    /** Whether the app answered 200. */
    private boolean send(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token);
        request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method,
                        HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return true;
            }
            failed("HTTP " + answer.statusCode());
        } catch (java.io.IOException e) {
            failed(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void failed(String kind) {
        failures.incrementAndGet();
        failureKinds.merge(kind, 1, Integer::sum);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
