package dev.doorstep.bench;

import java.time.Instant;
import java.util.Locale;

/**
 * The pings of the simulated drivers: each driver moves a few metres per ping, 100 ms apart, starting a day
 * ago, so that every batch is new (no duplicates) and plausible (no speed flag).
 */
final class PingBatches {

    static final long SPACING_MS = 100;

    private final long startMs = Instant.now().minusSeconds(24 * 3600).toEpochMilli();
    private final int size;

    PingBatches(int size) {
        this.size = size;
    }

    int size() {
        return size;
    }

    long ts(int batch, int i) {
        return startMs + ((long) batch * size + i) * SPACING_MS;
    }

    double lat(int driver, int batch, int i) {
        return 47.55 + (driver % 50) * 0.001 + ((long) batch * size + i) * 0.00001;
    }

    double lon(int driver) {
        return -122.35 + (driver / 50) * 0.001;
    }

    /** The JSON body of batch number {@code batch} of {@code driver}. */
    String json(int driver, int batch) {
        StringBuilder json = new StringBuilder(size * 110).append("{\"pings\":[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(',');
            }
            // Appended by hand: String.format per ping would make the client, not the app, the limit.
            json.append("{\"ts\":\"").append(Instant.ofEpochMilli(ts(batch, i))).append("\",\"lat\":");
            sixDecimals(json, lat(driver, batch, i)).append(",\"lon\":");
            sixDecimals(json, lon(driver)).append(",\"accuracy\":8.5,\"speed\":11.2,\"heading\":270,"
                    + "\"battery\":0.71}");
        }
        return json.append("]}").toString();
    }

    /** {@code value} as %.6f would print it, without the formatter's cost. */
    static StringBuilder sixDecimals(StringBuilder out, double value) {
        long micros = Math.round(Math.abs(value) * 1_000_000);
        if (value < 0 && micros != 0) {
            out.append('-');
        }
        out.append(micros / 1_000_000).append('.');
        String fraction = Long.toString(micros % 1_000_000);
        for (int pad = fraction.length(); pad < 6; pad++) {
            out.append('0');
        }
        return out.append(fraction);
    }

    /** The OsmAnd query string of ping {@code batch} of {@code driver} (one ping per request). */
    String osmandQuery(String deviceKey, int driver, int batch) {
        return String.format(Locale.ROOT, "id=%s&lat=%.6f&lon=%.6f&timestamp=%.3f&speed=21.8&bearing=270"
                + "&accuracy=8.5&batt=71", deviceKey, lat(driver, batch, 0), lon(driver), ts(batch, 0) / 1000.0);
    }
}
