package dev.doorstep.bench;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A closed-loop GET load from one Reactor Netty client: {@code inFlight} requests at all times, each answered one
 * followed at once by the next, over as many kept-alive connections. Request i reads {@code paths[i % n]} and
 * carries client address i (mod {@code addresses}) in {@code X-Forwarded-For}, as a proxy in front would.
 */
final class ReadLoad {

    /** What one measured window saw; latencies only of requests started and answered inside it. */
    record Result(String what, double perSecond, double p50, double p99, long errors, long answered) {

        String line() {
            return String.format(Locale.ROOT, "%s %.0f requests/s, p50 %.1f ms, p99 %.1f ms, errors %d", what,
                    perSecond, p50, p99, errors);
        }
    }

    private final HttpClient client;
    private final int inFlight;
    private final int addresses;

    ReadLoad(String url, int inFlight, int addresses) {
        this.inFlight = inFlight;
        this.addresses = addresses;
        ConnectionProvider pool = ConnectionProvider.builder("bench-reads").maxConnections(inFlight)
                .pendingAcquireMaxCount(-1).build();
        this.client = HttpClient.create(pool).baseUrl(url).option(ChannelOption.TCP_NODELAY, true);
    }

    /**
     * Loads the app until it runs at its steady state ({@link SteadyState}), as {@link LoadClient#warmUp} does, and
     * returns the answers of the warm-up.
     */
    long warmUp(List<String> paths, Duration first, long minimum) {
        SteadyState.Warmed warmed = SteadyState.reach(first, minimum, time -> {
            Result window = run("warm-up:", paths, Duration.ZERO, time);
            return new SteadyState.Window(window.perSecond(), window.answered());
        });
        HttpBench.progress(String.format(Locale.ROOT, "warmed up with %d requests, last window %.0f requests/s",
                warmed.count(), warmed.last().perSecond()));
        return warmed.count();
    }

    Result run(String what, List<String> paths, Duration warmUp, Duration measured) {
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        LatencyHistogram latencies = new LatencyHistogram();
        long from = System.nanoTime() + warmUp.toNanos();
        long until = from + measured.toNanos();
        Flux.range(0, inFlight)
                .flatMap(worker -> Mono.defer(() -> one(paths, next.getAndIncrement(), from, until, latencies, errors,
                        answered)).repeat(() -> System.nanoTime() < until), inFlight)
                .blockLast();
        double seconds = measured.toNanos() / 1e9;
        return new Result(what, answered.get() / seconds, latencies.percentileMillis(50),
                latencies.percentileMillis(99), errors.get(), answered.get());
    }

    private Mono<Void> one(List<String> paths, long i, long from, long until, LatencyHistogram latencies,
            AtomicLong errors, AtomicLong answered) {
        String path = paths.get((int) (i % paths.size()));
        String address = address((int) (i % addresses));
        long started = System.nanoTime();
        return client.headers(h -> h.set("X-Forwarded-For", address)).get().uri(path)
                .responseSingle((response, body) -> body.asByteArray().thenReturn(response.status().code())
                        .defaultIfEmpty(response.status().code()))
                .onErrorReturn(-1)
                .doOnNext(status -> {
                    long done = System.nanoTime();
                    if (started >= from && done <= until) {
                        latencies.record(done - started);
                        answered.incrementAndGet();
                        if (status != 200) {
                            errors.incrementAndGet();
                        }
                    }
                })
                .then();
    }

    /** Address i of 10.0.0.0/8: many customers behind one proxy. */
    static String address(int i) {
        return "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255);
    }
}
