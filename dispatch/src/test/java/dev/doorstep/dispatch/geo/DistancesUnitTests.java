package dev.doorstep.dispatch.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DistancesUnitTests {

    private static final GeoPoint WEST = new GeoPoint(47.60, -122.35);
    private static final GeoPoint EAST = new GeoPoint(47.60, -122.33);

    @Test
    void aPointBesideTheSegmentIsAsFarAsItsPerpendicular() {
        // 0.005 degrees of latitude north of the middle: about 556 m.
        GeoPoint beside = new GeoPoint(47.605, -122.34);
        assertThat(Distances.metersToSegment(beside, WEST, EAST)).isCloseTo(556, within(5.0));
        assertThat(Distances.metersToSegment(new GeoPoint(47.60, -122.34), WEST, EAST)).isLessThan(1);
    }

    @Test
    void aPointBeyondAnEndIsAsFarAsThatEnd() {
        GeoPoint pastEast = new GeoPoint(47.60, -122.32);
        GeoPoint beforeWest = new GeoPoint(47.601, -122.36);
        assertThat(Distances.metersToSegment(pastEast, WEST, EAST)).isCloseTo(Distances.meters(pastEast, EAST),
                within(0.5));
        assertThat(Distances.metersToSegment(beforeWest, WEST, EAST)).isCloseTo(Distances.meters(beforeWest, WEST),
                within(0.5));
    }

    @Test
    void aSegmentOfOnePointIsThatPoint() {
        GeoPoint p = new GeoPoint(47.61, -122.35);
        assertThat(Distances.metersToSegment(p, WEST, WEST)).isCloseTo(Distances.meters(p, WEST), within(0.01));
    }
}
