package dev.doorstep.dispatch.planning;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Travel times from a routing service speaking the OSRM {@code table} API, in blocks small enough for its
 * table size limit. When the service fails, the whole matrix falls back to the geodesic default and says so.
 * Called from solver threads, never from the event loop (it blocks on HTTP).
 */
final class OsrmTravelTimes implements TravelTimes {

    private static final Logger log = LoggerFactory.getLogger(OsrmTravelTimes.class);

    private final String baseUrl;
    private final int block;
    private final Duration timeout;
    private final double[] slowdown;
    private final TravelTimes fallback;
    private final HttpClient client;
    private final JsonMapper json = JsonMapper.builder().build();

    /** {@code slowdown} per vehicle kind: how much slower than the service's profile that kind drives. */
    OsrmTravelTimes(String baseUrl, int maxTableSize, Duration timeout, double[] slowdown, TravelTimes fallback) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.block = Math.max(1, maxTableSize / 2);
        this.timeout = timeout;
        this.slowdown = slowdown.clone();
        this.fallback = fallback;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public TravelMatrix between(List<Point> points) {
        int n = points.size();
        double[] seconds = new double[n * n];
        double[] meters = new double[n * n];
        try {
            for (int from = 0; from < n; from += block) {
                for (int to = 0; to < n; to += block) {
                    fill(points, from, Math.min(n, from + block), to, Math.min(n, to + block), seconds, meters);
                }
            }
        } catch (IOException | JacksonException | IllegalStateException e) {
            log.warn("routing service {} unavailable, using geodesic travel times: {}", baseUrl, e.toString());
            TravelMatrix geodesic = fallback.between(points);
            return new TravelMatrix() {
                @Override
                public double meters(int a, int b) {
                    return geodesic.meters(a, b);
                }

                @Override
                public double seconds(int kind, int a, int b) {
                    return geodesic.seconds(kind, a, b);
                }

                @Override
                public String source() {
                    return "geodesic (routing service unavailable)";
                }
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the routing service", e);
        }
        return new TravelMatrix() {
            @Override
            public double meters(int a, int b) {
                return meters[a * n + b];
            }

            @Override
            public double seconds(int kind, int a, int b) {
                return seconds[a * n + b] * slowdown[kind];
            }

            @Override
            public String source() {
                return "osrm";
            }
        };
    }

    /** One table request: sources [fromStart, fromEnd) to destinations [toStart, toEnd). */
    private void fill(List<Point> points, int fromStart, int fromEnd, int toStart, int toEnd, double[] seconds,
            double[] meters) throws IOException, InterruptedException {
        List<Integer> indices = new ArrayList<>();
        StringJoiner coordinates = new StringJoiner(";");
        StringJoiner sources = new StringJoiner(";");
        StringJoiner destinations = new StringJoiner(";");
        for (int i = fromStart; i < fromEnd; i++) {
            sources.add(String.valueOf(indices.size()));
            indices.add(i);
        }
        for (int j = toStart; j < toEnd; j++) {
            destinations.add(String.valueOf(indices.size()));
            indices.add(j);
        }
        for (int index : indices) {
            coordinates.add(String.format(Locale.ROOT, "%.6f,%.6f", points.get(index).x(), points.get(index).y()));
        }
        URI uri = URI.create(baseUrl + "/table/v1/driving/" + coordinates + "?sources=" + sources + "&destinations="
                + destinations + "&annotations=duration,distance");
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode table = response.statusCode() == 200 ? json.readTree(response.body()) : null;
        if (table == null || !"Ok".equals(table.path("code").asString(""))) {
            throw new IllegalStateException("routing service answered " + response.statusCode());
        }
        JsonNode durations = table.get("durations");
        JsonNode distances = table.get("distances");
        for (int i = fromStart; i < fromEnd; i++) {
            for (int j = toStart; j < toEnd; j++) {
                JsonNode duration = durations.get(i - fromStart).get(j - toStart);
                JsonNode distance = distances.get(i - fromStart).get(j - toStart);
                if (duration == null || duration.isNull() || distance == null || distance.isNull()) {
                    throw new IllegalStateException("routing service has no route between points " + i + " and " + j);
                }
                seconds[i * points.size() + j] = duration.asDouble();
                meters[i * points.size() + j] = distance.asDouble();
            }
        }
    }
}
