package dev.doorstep.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/** Every request the simulated clients made, by endpoint ({@code POST /v1/driver/stops/{id}/arrive}). */
public final class RequestLog {

    /** Ids: prefixed ({@code rt_...}), long (link tokens) or holding a digit (tracking ids), but not v1 or oauth2. */
    private static final Pattern ID_SEGMENT = Pattern.compile(
            "/(?!(v1|oauth2)(/|$))([a-z]{1,4}_[^/]+|[^/]{20,}|[^/]*\\d[^/]*)");

    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    static String endpoint(String method, String path) {
        int query = path.indexOf('?');
        String plain = query < 0 ? path : path.substring(0, query);
        return method + " " + ID_SEGMENT.matcher(plain).replaceAll("/{id}");
    }

    void record(String method, String path, long nanos, boolean error) {
        Endpoint endpoint = endpoints.computeIfAbsent(endpoint(method, path), name -> new Endpoint());
        endpoint.add(nanos, error);
    }

    public long requests() {
        return endpoints.values().stream().mapToLong(e -> e.count.get()).sum();
    }

    public long errors() {
        return endpoints.values().stream().mapToLong(e -> e.errors.get()).sum();
    }

    /** One line: {@code endpoint n=.. p50=..ms p99=..ms err=..} per endpoint, busiest first. */
    public String summary() {
        Map<String, Endpoint> sorted = new TreeMap<>(endpoints);
        List<String> parts = new ArrayList<>();
        sorted.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().count.get(), a.getValue().count.get()))
                .forEach(e -> parts.add(String.format(Locale.ROOT, "%s n=%d p50=%.0fms p99=%.0fms err=%d", e.getKey(),
                        e.getValue().count.get(), e.getValue().percentile(50), e.getValue().percentile(99),
                        e.getValue().errors.get())));
        return String.join("; ", parts);
    }

    private static final class Endpoint {
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final List<Long> nanos = new ArrayList<>();

        void add(long took, boolean error) {
            count.incrementAndGet();
            if (error) {
                errors.incrementAndGet();
            }
            synchronized (nanos) {
                nanos.add(took);
            }
        }

        double percentile(int p) {
            List<Long> copy;
            synchronized (nanos) {
                copy = new ArrayList<>(nanos);
            }
            if (copy.isEmpty()) {
                return Double.NaN;
            }
            copy.sort(null);
            int index = Math.min(copy.size() - 1, Math.max(0, (int) Math.ceil(p / 100.0 * copy.size()) - 1));
            return copy.get(index) / 1e6;
        }
    }
}
