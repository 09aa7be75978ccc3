package dev.doorstep.dispatch.planning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.dispatch.geo.Distances;
import dev.doorstep.dispatch.geo.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResequencerUnitTests {

    private static final GeoPoint STATION = new GeoPoint(47.58, -122.33);
    private static final double METERS_PER_SECOND = 30 / 3.6;
    private static final Instant DEPART = Instant.parse("2026-12-01T18:00:00Z");

    private final Resequencer resequencer = new Resequencer(new PlanningSettings(1.3, 30, Map.of(), 250, 1, 120,
            36000, null, 100, Duration.ofSeconds(1)));

    @Test
    void theRestLeavesFromTheLastPlaceReachedAndEndsAtTheStation() {
        // Reached far east of the station; the stops lie between, so the way home passes them east to west.
        GeoPoint reached = new GeoPoint(47.58, -122.20);
        GeoPoint near = new GeoPoint(47.585, -122.21);
        GeoPoint far = new GeoPoint(47.585, -122.32);
        List<OpenStop> open = List.of(
                new OpenStop("far", far, null, null, 60),
                new OpenStop("near", near, null, null, 60),
                new OpenStop("middle", new GeoPoint(47.585, -122.27), null, null, 60));

        Resequenced order = resequencer.order("VAN", STATION, List.of(reached), DEPART,
                DEPART.plus(Duration.ofHours(4)), open, Duration.ofMillis(300));

        assertThat(order.unplaced()).isEmpty();
        assertThat(order.stops()).extracting(Resequenced.TimedStop::id).containsExactly("near", "middle", "far");
        Resequenced.TimedStop first = order.stops().get(0);
        double drive = Distances.meters(reached, near) * 1.3 / METERS_PER_SECOND;
        assertThat(Duration.between(DEPART, first.arrival()).toSeconds()).isBetween((long) drive - 1, (long) drive + 1);
        Resequenced.TimedStop last = order.stops().get(2);
        double back = Distances.meters(far, STATION) * 1.3 / METERS_PER_SECOND;
        assertThat(Duration.between(last.departure(), order.end()).toSeconds()).isBetween((long) back - 1, (long) back + 1);
        assertThat(order.meters()).isGreaterThan(2 * Distances.meters(STATION, reached) * 1.3 * 0.99)
                .isLessThan(2 * Distances.meters(STATION, reached) * 1.3 * 1.05);
    }

    @Test
    void aStopWhoseWindowCannotBeReachedIsLeftOver() {
        List<OpenStop> open = List.of(
                new OpenStop("ok", new GeoPoint(47.60, -122.33), null, null, 60),
                new OpenStop("closed", new GeoPoint(47.70, -122.33), DEPART, DEPART.plusSeconds(60), 60));

        Resequenced order = resequencer.order("VAN", STATION, List.of(), DEPART, DEPART.plus(Duration.ofHours(4)),
                open, Duration.ofMillis(300));

        assertThat(order.unplaced()).containsExactly("closed");
        assertThat(order.stops()).extracting(Resequenced.TimedStop::id).containsExactly("ok");
    }

    @Test
    void aRouteWhoseShiftIsOverPlacesNothingInsteadOfFailing() {
        List<OpenStop> open = List.of(new OpenStop("ok", new GeoPoint(47.60, -122.33), null, null, 60));

        Resequenced order = resequencer.order("VAN", STATION, List.of(), DEPART, DEPART.minus(Duration.ofHours(2)),
                open, Duration.ofMillis(300));

        assertThat(order.unplaced()).containsExactly("ok");
        assertThat(order.stops()).isEmpty();
    }

    @Test
    void aStopWhoseWindowClosedBeforeTheVanLeavesIsLeftOverAndTheRestIsPlaced() {
        List<OpenStop> open = List.of(
                new OpenStop("ok", new GeoPoint(47.60, -122.33), null, null, 60),
                new OpenStop("past", new GeoPoint(47.61, -122.33), DEPART.minus(Duration.ofHours(3)),
                        DEPART.minus(Duration.ofHours(1)), 60));

        Resequenced order = resequencer.order("VAN", STATION, List.of(), DEPART, DEPART.plus(Duration.ofHours(4)),
                open, Duration.ofMillis(300));

        assertThat(order.unplaced()).containsExactly("past");
        assertThat(order.stops()).extracting(Resequenced.TimedStop::id).containsExactly("ok");
    }
}
