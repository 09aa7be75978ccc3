package dev.doorstep.dispatch.planning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Groups packages into stops: same address and location (to about a metre), and windows that still overlap;
 * a package whose window does not overlap the others' at that address makes a stop of its own. Pickups and
 * deliveries at one address make separate stops (a stop has one kind).
 */
final class StopGrouping {

    private StopGrouping() {
    }

    static List<StopDraft> stops(List<DuePackage> packages) {
        Map<String, List<DuePackage>> byPlace = new LinkedHashMap<>();
        for (DuePackage p : packages) {
            String key = p.address().strip().toLowerCase(Locale.ROOT) + '|' + Math.round(p.lat() * 1e5) + '|'
                    + Math.round(p.lon() * 1e5) + (p.pickup() ? "|pickup" : "");
            byPlace.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        List<StopDraft> stops = new ArrayList<>();
        for (List<DuePackage> place : byPlace.values()) {
            place.sort(Comparator.comparing(DuePackage::windowFrom).thenComparing(DuePackage::trackingId));
            List<DuePackage> current = new ArrayList<>();
            Instant from = null;
            Instant to = null;
            for (DuePackage p : place) {
                Instant newFrom = from == null ? p.windowFrom() : max(from, p.windowFrom());
                Instant newTo = to == null ? p.windowTo() : min(to, p.windowTo());
                if (!current.isEmpty() && !newFrom.isBefore(newTo)) {
                    stops.add(stop(current, from, to));
                    current = new ArrayList<>();
                    newFrom = p.windowFrom();
                    newTo = p.windowTo();
                }
                current.add(p);
                from = newFrom;
                to = newTo;
            }
            stops.add(stop(current, from, to));
        }
        return stops;
    }

    private static StopDraft stop(List<DuePackage> packages, Instant from, Instant to) {
        DuePackage first = packages.get(0);
        return new StopDraft(first.address().strip(), first.lat(), first.lon(), from, to, List.copyOf(packages));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
