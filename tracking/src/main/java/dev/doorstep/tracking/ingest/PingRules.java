package dev.doorstep.tracking.ingest;

import dev.doorstep.dispatch.errors.FieldError;
import java.time.Instant;

/** The checks a ping passes on its own, before it meets the stored trail. */
final class PingRules {

    private final IngestSettings settings;

    PingRules(IngestSettings settings) {
        this.settings = settings;
    }

    /** The first rule the ping breaks, or null. */
    FieldError check(PingDraft p, Instant now) {
        if (p.ts() == null) {
            return new FieldError("ts", "is required");
        }
        if (p.lat() == null) {
            return new FieldError("lat", "is required");
        }
        if (p.lon() == null) {
            return new FieldError("lon", "is required");
        }
        FieldError notFinite = firstNotFinite(p);
        if (notFinite != null) {
            return notFinite;
        }
        if (p.lat() < -90 || p.lat() > 90) {
            return new FieldError("lat", "must be between -90 and 90");
        }
        if (p.lon() < -180 || p.lon() > 180) {
            return new FieldError("lon", "must be between -180 and 180");
        }
        if (p.accuracy() != null && p.accuracy() < 0) {
            return new FieldError("accuracy", "must not be negative");
        }
        if (p.ts().isAfter(now.plus(settings.maxAhead()))) {
            return new FieldError("ts", "is more than " + settings.maxAhead().toSeconds() + " s in the future");
        }
        if (p.ts().isBefore(now.minus(settings.maxAge()))) {
            return new FieldError("ts", "is older than " + settings.maxAge().toHours() + " hours");
        }
        return null;
    }

    private static FieldError firstNotFinite(PingDraft p) {
        String[] names = {"lat", "lon", "accuracy", "speed", "heading", "altitude", "battery"};
        Double[] values = {p.lat(), p.lon(), p.accuracy(), p.speed(), p.heading(), p.altitude(), p.battery()};
        for (int i = 0; i < names.length; i++) {
            if (values[i] != null && !Double.isFinite(values[i])) {
                return new FieldError(names[i], "must be a finite number");
            }
        }
        return null;
    }
}
