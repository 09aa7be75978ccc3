package dev.doorstep.dispatch.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.dispatch.errors.InvalidInput;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Polygon;

class GeofencesUnitTests {

    private static final List<List<Double>> SQUARE = List.of(List.of(0.0, 0.0), List.of(1.0, 0.0), List.of(1.0, 1.0),
            List.of(0.0, 1.0), List.of(0.0, 0.0));

    @Test
    void aClosedSquareRoundTripsThroughWkt() {
        Polygon polygon = Geofences.parse(new GeoJsonPolygon("Polygon", List.of(SQUARE)), "geofence");
        GeoJsonPolygon back = Geofences.toGeoJson(Geofences.fromWkt(Geofences.toWkt(polygon)));
        assertThat(back.coordinates()).containsExactly(SQUARE);
    }

    @Test
    void metersOutsideIsZeroInsideAndOnTheBoundaryAndTheDistanceToTheEdgeBeyond() {
        Polygon polygon = Geofences.parse(new GeoJsonPolygon("Polygon", List.of(SQUARE)), "geofence");
        assertThat(Geofences.metersOutside(polygon, new GeoPoint(0.5, 0.5))).isZero();
        assertThat(Geofences.metersOutside(polygon, new GeoPoint(1.0, 0.5))).isZero();
        assertThat(Geofences.metersOutside(polygon, new GeoPoint(0.0, 0.0))).isZero();
        // One thousandth of a degree of latitude north of the edge, near the equator: about 110.6 m.
        assertThat(Geofences.metersOutside(polygon, new GeoPoint(1.001, 0.5))).isBetween(110.0, 111.0);
    }

    @Test
    void anOpenRingIsRefused() {
        List<List<Double>> open = List.of(List.of(0.0, 0.0), List.of(1.0, 0.0), List.of(1.0, 1.0), List.of(0.0, 1.0),
                List.of(0.5, 0.5));
        assertThat(fields(open)).containsExactly("geofence.coordinates[0]");
    }

    @Test
    void aSelfIntersectingRingIsRefused() {
        List<List<Double>> bowtie = List.of(List.of(0.0, 0.0), List.of(1.0, 1.0), List.of(1.0, 0.0), List.of(0.0, 1.0),
                List.of(0.0, 0.0));
        assertThatThrownBy(() -> Geofences.parse(new GeoJsonPolygon("Polygon", List.of(bowtie)), "geofence"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().get(0).reason())
                        .contains("self-intersection"));
    }

    @Test
    void everyPositionOutOfRangeIsNamed() {
        List<List<Double>> wild = List.of(List.of(0.0, 0.0), List.of(181.0, 0.0), List.of(1.0, -91.0), List.of(0.0, 0.0));
        assertThat(fields(wild)).containsExactly("geofence.coordinates[0][1]", "geofence.coordinates[0][2]");
    }

    @Test
    void tooFewPositionsIsRefused() {
        assertThat(fields(List.of(List.of(0.0, 0.0), List.of(1.0, 0.0), List.of(0.0, 0.0))))
                .containsExactly("geofence.coordinates[0]");
    }

    private static List<String> fields(List<List<Double>> ring) {
        try {
            Geofences.parse(new GeoJsonPolygon("Polygon", List.of(ring)), "geofence");
        } catch (InvalidInput e) {
            return e.errors().stream().map(FieldError::field).toList();
        }
        return List.of();
    }
}
