package dev.doorstep.bench;

import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Closed-loop HTTP/1.1 load: {@code connections} keep-alive connections, each sending its next request as soon
 * as the previous answer is read. Reactor Netty on epoll with pre-built requests, so the client's own cost per
 * request is a few microseconds and the server is what is measured (see bench/README.md).
 */
final class LoadClient implements AutoCloseable {

    /** One request: method, path and query, headers, body (null for none). */
    record Call(HttpMethod method, String uri, String authorization, String contentType, byte[] body) {

        static Call get(String uri) {
            return new Call(HttpMethod.GET, uri, null, null, null);
        }
    }

    /** What came back for one call: the status and the body (read whole, as a text). */
    record Answer(int status, String body) {
    }

    /** The outcome of one timed run. */
    record Result(long ok, long errors, double seconds, long[] micros) {

        double perSecond() {
            return ok / seconds;
        }

        double percentileMs(int p) {
            if (micros.length == 0) {
                return Double.NaN;
            }
            return micros[Math.min(micros.length - 1, (int) Math.ceil(p / 100.0 * micros.length) - 1)] / 1000.0;
        }
    }

    /** The next call of a lane; each lane sends its calls one after the other. */
    interface Calls {
        Call next(int lane);
    }

    /** Judges an answer: the count of successes it stands for (pings stored, or 1 request), or -1 for an error. */
    interface Check {
        long successes(Answer answer);
    }

    private final int connections;
    private final LoopResources loops;
    private final ConnectionProvider pool;
    private final HttpClient client;

    LoadClient(String baseUrl, int connections) {
        this.connections = connections;
        this.loops = LoopResources.create("bench-load", Math.max(1, Runtime.getRuntime().availableProcessors()),
                true);
        this.pool = ConnectionProvider.builder("bench-load").maxConnections(connections)
                .pendingAcquireMaxCount(-1).pendingAcquireTimeout(Duration.ofMinutes(1)).build();
        this.client = HttpClient.create(pool).runOn(loops).baseUrl(baseUrl).compress(false)
                .keepAlive(true);
    }

    int connections() {
        return connections;
    }

    /** The warm-up goes on at least until the server has answered this many successes. */
    static final long MIN_WARMUP = 50_000;

    /**
     * Loads the server until it runs at its steady state ({@link SteadyState}), and returns the successes it answered
     * meanwhile.
     */
    long warmUp(Duration first, long minimum, Calls calls, Check check) {
        SteadyState.Warmed warmed = SteadyState.reach(first, minimum, time -> {
            Result window = run(time, calls, check);
            return new SteadyState.Window(window.perSecond(), window.ok());
        });
        HttpBench.progress(String.format(java.util.Locale.ROOT, "warmed up with %d, last window %.0f/s",
                warmed.count(), warmed.last().perSecond()));
        return warmed.count();
    }

    /** Runs one loop per connection for {@code time}, each sending {@code calls.next(lane)} after the last answer. */
    Result run(Duration time, Calls calls, Check check) {
        long end = System.nanoTime() + time.toNanos();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Latencies[] lanes = new Latencies[connections];
        for (int i = 0; i < connections; i++) {
            lanes[i] = new Latencies();
        }
        long started = System.nanoTime();
        Flux.range(0, connections)
                .flatMap(lane -> Mono.defer(() -> {
                    Call call = calls.next(lane);
                    long t0 = System.nanoTime();
                    return send(call).doOnNext(answer -> {
                        lanes[lane].add((System.nanoTime() - t0) / 1000);
                        long n = check.successes(answer);
                        if (n >= 0) {
                            ok.addAndGet(n);
                        } else if (errors.incrementAndGet() <= 3) {
                            System.err.println("error: " + answer.status() + " " + answer.body());
                        }
                    }).onErrorResume(e -> {
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println("error: " + e);
                        }
                        return Mono.empty();
                    });
                }).repeat(() -> System.nanoTime() < end), connections)
                .blockLast(time.plusMinutes(2));
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(ok.get(), errors.get(), seconds, Latencies.sorted(lanes));
    }

    Mono<Answer> send(Call call) {
        HttpClient.RequestSender sender = client.headers(h -> {
            if (call.authorization() != null) {
                h.set("Authorization", call.authorization());
            }
            if (call.contentType() != null) {
                h.set("Content-Type", call.contentType());
            }
        }).request(call.method()).uri(call.uri());
        HttpClient.ResponseReceiver<?> receiver = call.body() == null ? sender
                : sender.send((request, out) -> out.sendByteArray(Mono.just(call.body())));
        return receiver.responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                .map(text -> new Answer(response.status().code(), text)));
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(10));
        loops.disposeLater().block(Duration.ofSeconds(10));
    }

    /** A lane's latencies in microseconds, written by one lane at a time. */
    private static final class Latencies {

        private long[] values = new long[1024];
        private int size;

        synchronized void add(long micros) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = micros;
        }

        static long[] sorted(Latencies[] lanes) {
            int total = 0;
            for (Latencies lane : lanes) {
                total += lane.size;
            }
            long[] all = new long[total];
            int at = 0;
            for (Latencies lane : lanes) {
                synchronized (lane) {
                    System.arraycopy(lane.values, 0, all, at, lane.size);
                    at += lane.size;
                }
            }
            Arrays.sort(all);
            return all;
        }
    }
}
