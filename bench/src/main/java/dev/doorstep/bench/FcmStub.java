package dev.doorstep.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WireMock FCM on loopback that accepts every push and counts what it accepted per event id (the {@code eventId}
 * data field each Doorstep push carries): how many times, and when first ({@link System#nanoTime()}, the bench's
 * own clock, as the stub runs in the bench's JVM). Duplicates and losses are read from these counts.
 */
final class FcmStub implements AutoCloseable {

    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"(-?\\d+)\"");

    private final Map<Long, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<Long, Long> firstAccepted = new ConcurrentHashMap<>();
    private final AtomicLong lastAccepted = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final WireMockServer server;

    FcmStub(int threads) {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(threads).disableRequestJournal().gzipDisabled(true)
                .stubRequestLoggingDisabled(true).extensions(new Counter()));
        server.start();
        server.stubFor(post(urlPathEqualTo("/token")).willReturn(
                okJson("{\"access_token\":\"bench\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
        server.stubFor(post(urlPathMatching("/v1/projects/.*/messages:send")).willReturn(
                okJson("{\"name\":\"projects/doorstep-bench/messages/0:accepted\"}")));
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Forgets every count (after seeding, or after the stub-alone baseline). */
    void reset() {
        counts.clear();
        firstAccepted.clear();
        accepted.set(0);
        lastAccepted.set(0);
    }

    /** Pushes accepted since the last reset, duplicates included. */
    long accepted() {
        return accepted.get();
    }

    /** Distinct event ids accepted since the last reset. */
    int distinctEvents() {
        return counts.size();
    }

    /** How many pushes of {@code eventId} were accepted (0: none). */
    int count(long eventId) {
        AtomicInteger count = counts.get(eventId);
        return count == null ? 0 : count.get();
    }

    Map<Long, AtomicInteger> counts() {
        return counts;
    }

    /** When the first push of {@code eventId} was accepted ({@code System.nanoTime()}), or null. */
    Long firstAccepted(long eventId) {
        return firstAccepted.get(eventId);
    }

    long lastAcceptedNanos() {
        return lastAccepted.get();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Counter implements ServeEventListener {

        @Override
        public void afterComplete(ServeEvent event, Parameters parameters) {
            if (!event.getRequest().getUrl().contains("/messages:send")) {
                return;
            }
            long now = System.nanoTime();
            Matcher m = EVENT_ID.matcher(event.getRequest().getBodyAsString());
            if (m.find()) {
                long id = Long.parseLong(m.group(1));
                counts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                firstAccepted.putIfAbsent(id, now);
            }
            accepted.incrementAndGet();
            lastAccepted.accumulateAndGet(now, Math::max);
        }

        @Override
        public String getName() {
            return "doorstep-push-counter";
        }
    }
}
