package dev.doorstep.tracking.ingest;

import dev.doorstep.dispatch.errors.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Accepts batches of a driver's pings. A bad ping is rejected alone; the rest are stored once each, in time
 * order, and the live position only moves forward. Sending the same batch again changes nothing.
 */
@Component
public class PingIngest {

    private final PingRules rules;
    private final DriverHomes homes;
    private final PingStore store;
    private final IngestSettings settings;
    private final Clock clock;

    PingIngest(IngestSettings settings, DriverHomes homes, PingStore store, Clock clock) {
        this.rules = new PingRules(settings);
        this.settings = settings;
        this.homes = homes;
        this.store = store;
        this.clock = clock;
    }

    public IngestSettings settings() {
        return settings;
    }

    /** Stores the batch for {@code driverId} (NotFound when no such driver). */
    public Mono<BatchResult> acceptBatch(String driverId, List<PingEntry> batch) {
        Instant now = clock.instant();
        List<RejectedPing> rejected = new ArrayList<>();
        List<PingStore.Indexed> valid = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            PingEntry entry = batch.get(i);
            FieldError wrong = entry.unreadable() != null ? entry.unreadable() : rules.check(entry.draft(), now);
            if (wrong != null) {
                rejected.add(new RejectedPing(i, wrong.field(), wrong.reason(), false));
            } else {
                valid.add(new PingStore.Indexed(i, entry.draft()));
            }
        }
        return homes.of(driverId).flatMap(home -> valid.isEmpty()
                ? Mono.just(new BatchResult(0, 0, rejected))
                : store.store(home, valid, now).map(stored -> result(stored, rejected)));
    }

    private BatchResult result(PingStore.Stored stored, List<RejectedPing> rejected) {
        for (int index : stored.flagged()) {
            rejected.add(new RejectedPing(index, "ts", "implies a speed over " + (int) settings.maxSpeedKmh()
                    + " km/h from the previous ping; kept in the trail, flagged, never live", true));
        }
        rejected.sort(Comparator.comparingInt(RejectedPing::index));
        // A flagged ping is kept in the trail but counted as rejected: accepted + duplicates + rejected = batch size.
        return new BatchResult(stored.accepted() - stored.flagged().size(), stored.duplicates(), rejected);
    }
}
