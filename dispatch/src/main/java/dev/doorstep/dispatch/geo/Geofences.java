package dev.doorstep.dispatch.geo;

import dev.doorstep.dispatch.errors.FieldError;
import dev.doorstep.dispatch.errors.InvalidInput;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Station geofences: GeoJSON in, validated JTS polygons inside, WKT in the database. The only
 * place that knows JTS, so that a GeoTools adapter could replace it.
 */
public final class Geofences {

    private static final double ON_BOUNDARY_METERS = 0.001;
    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private Geofences() {
    }

    /** Checks ranges, closed rings and topology; reports every problem under {@code field}. */
    public static Polygon parse(GeoJsonPolygon geoJson, String field) {
        List<FieldError> errors = new ArrayList<>();
        if (geoJson == null || geoJson.coordinates() == null || geoJson.coordinates().isEmpty()) {
            throw InvalidInput.of(field + ".coordinates", "must hold at least the outer ring");
        }
        List<LinearRing> rings = new ArrayList<>();
        for (int r = 0; r < geoJson.coordinates().size(); r++) {
            LinearRing ring = ring(geoJson.coordinates().get(r), field + ".coordinates[" + r + "]", errors);
            if (ring != null) {
                rings.add(ring);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Polygon polygon = FACTORY.createPolygon(rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new));
        TopologyValidationError topology = new IsValidOp(polygon).getValidationError();
        if (topology != null) {
            throw InvalidInput.of(field, "is not a valid polygon: " + topology.getMessage().toLowerCase()
                    + " near [" + topology.getCoordinate().x + ", " + topology.getCoordinate().y + "]");
        }
        return polygon;
    }

    private static LinearRing ring(List<List<Double>> positions, String path, List<FieldError> errors) {
        if (positions == null || positions.size() < 4) {
            errors.add(new FieldError(path, "a ring needs at least 4 positions (the first repeated last)"));
            return null;
        }
        Coordinate[] coordinates = new Coordinate[positions.size()];
        int before = errors.size();
        for (int i = 0; i < positions.size(); i++) {
            List<Double> position = positions.get(i);
            String at = path + "[" + i + "]";
            if (position == null || position.size() < 2 || position.get(0) == null || position.get(1) == null) {
                errors.add(new FieldError(at, "a position is [lon, lat]"));
                continue;
            }
            double lon = position.get(0);
            double lat = position.get(1);
            if (!(lon >= -180 && lon <= 180)) {
                errors.add(new FieldError(at, "longitude must be between -180 and 180"));
            }
            if (!(lat >= -90 && lat <= 90)) {
                errors.add(new FieldError(at, "latitude must be between -90 and 90"));
            }
            coordinates[i] = new Coordinate(lon, lat);
        }
        if (errors.size() > before) {
            return null;
        }
        if (!coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
            errors.add(new FieldError(path, "the ring is not closed: the last position must repeat the first"));
            return null;
        }
        return FACTORY.createLinearRing(coordinates);
    }

    /**
     * Metres from {@code point} to the polygon: 0 inside or on the boundary, else the geodesic distance to
     * the nearest point of the boundary. Within a millimetre counts as on the boundary: coordinates that went
     * through JSON and WKT may differ in their last digit.
     */
    public static double metersOutside(Polygon polygon, GeoPoint point) {
        org.locationtech.jts.geom.Point p = FACTORY.createPoint(new Coordinate(point.lon(), point.lat()));
        if (polygon.covers(p)) {
            return 0;
        }
        Coordinate nearest = DistanceOp.nearestPoints(polygon, p)[0];
        double meters = Distances.meters(point, new GeoPoint(nearest.y, nearest.x));
        return meters < ON_BOUNDARY_METERS ? 0 : meters;
    }

    public static GeoJsonPolygon toGeoJson(Polygon polygon) {
        List<List<List<Double>>> rings = new ArrayList<>();
        rings.add(positions(polygon.getExteriorRing()));
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            rings.add(positions(polygon.getInteriorRingN(i)));
        }
        return new GeoJsonPolygon("Polygon", rings);
    }

    private static List<List<Double>> positions(LinearRing ring) {
        List<List<Double>> out = new ArrayList<>();
        for (Coordinate c : ring.getCoordinates()) {
            out.add(List.of(c.x, c.y));
        }
        return out;
    }

    public static String toWkt(Polygon polygon) {
        return new WKTWriter().write(polygon);
    }

    public static Polygon fromWkt(String wkt) {
        try {
            Geometry geometry = new WKTReader(FACTORY).read(wkt);
            return (Polygon) geometry;
        } catch (ParseException e) {
            throw new IllegalStateException("stored geofence is not WKT: " + wkt, e);
        }
    }
}
