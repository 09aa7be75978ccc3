package dev.doorstep.api.ingest;

import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.tracking.ingest.PingDraft;
import dev.doorstep.tracking.ingest.PingEntry;
import java.time.Instant;

/**
 * Reads GPSLogger for Android's custom URL parameters, named as its {@code %ALL} placeholder names them:
 * {@code lat}, {@code lon}, {@code time} (ISO), {@code timeoffset} or {@code timestamp} (epoch seconds),
 * {@code acc}, {@code alt}, {@code dir}, {@code spd} in m/s (or {@code spd_kph}), {@code batt} in %. The
 * others ({@code sat}, {@code hdop}, {@code prov}, {@code ischarging}, ...) are accepted and not stored.
 */
record GpsloggerPing(DeviceParams params) {

    PingEntry entry(Instant arrival) {
        try {
            Instant ts = firstTime("time", "timeoffset", "timestamp");
            Double speed = params.number("spd");
            Double speedKph = params.number("spd_kph");
            return PingEntry.of(new PingDraft(ts == null ? arrival : ts, params.number("lat"),
                    params.number("lon"), params.number("acc"),
                    speed != null ? speed : speedKph == null ? null : speedKph / 3.6, params.number("dir"),
                    params.number("alt"), DeviceParams.percentToFraction(params.number("batt"))));
        } catch (DeviceParams.Unreadable e) {
            return PingEntry.unreadable(new FieldError(e.field(), "is not readable"));
        }
    }

    private Instant firstTime(String... names) {
        for (String name : names) {
            Instant ts = params.time(name);
            if (ts != null) {
                return ts;
            }
        }
        return null;
    }
}
