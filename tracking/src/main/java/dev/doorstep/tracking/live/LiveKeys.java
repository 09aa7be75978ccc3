package dev.doorstep.tracking.live;

import java.time.Instant;

/**
 * The Redis layout of live state. A driver's keys share the hash tag {@code {drv:<id>}} so that one script
 * touches one Cluster slot; a ping is stored as {@code ts|lat|lon|accuracy|speed|heading|altitude|battery}
 * (ts in epoch milliseconds, absent values empty), a trail member adds {@code |0} or {@code |1} (flagged).
 */
public final class LiveKeys {

    /** Every driver's live channel; one pattern subscription per node sees them all. */
    public static final String CHANNEL_PATTERN = "live:{drv:*}";

    private LiveKeys() {
    }

    public static String latest(String driverId) {
        return "pos:{drv:" + driverId + "}";
    }

    public static String trail(String driverId) {
        return "trail:{drv:" + driverId + "}";
    }

    public static String channel(String driverId) {
        return "live:{drv:" + driverId + "}";
    }

    public static String stationGeo(String stationId) {
        return "geo:{st:" + stationId + "}";
    }

    /** The stored form of a ping, without the flag. */
    public static String encode(long tsMillis, double lat, double lon, Double accuracy, Double speed, Double heading,
            Double altitude, Double battery) {
        StringBuilder s = new StringBuilder(64).append(tsMillis).append('|').append(lat).append('|').append(lon);
        for (Double optional : new Double[] {accuracy, speed, heading, altitude, battery}) {
            s.append('|');
            if (optional != null) {
                s.append(optional.doubleValue());
            }
        }
        return s.toString();
    }

    static Position position(String driverId, String stored) {
        String[] f = stored.split("\\|", -1);
        return new Position(driverId, Instant.ofEpochMilli(Long.parseLong(f[0])), Double.parseDouble(f[1]),
                Double.parseDouble(f[2]), optional(f[3]), optional(f[4]), optional(f[5]), optional(f[6]),
                optional(f[7]));
    }

    static TrailPoint trailPoint(String member) {
        String[] f = member.split("\\|", -1);
        return new TrailPoint(Instant.ofEpochMilli(Long.parseLong(f[0])), Double.parseDouble(f[1]),
                Double.parseDouble(f[2]), optional(f[3]), optional(f[4]), optional(f[5]), optional(f[6]),
                optional(f[7]), "1".equals(f[8]));
    }

    private static Double optional(String field) {
        return field.isEmpty() ? null : Double.valueOf(field);
    }
}
