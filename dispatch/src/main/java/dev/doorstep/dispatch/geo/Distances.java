package dev.doorstep.dispatch.geo;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicMask;

/** Geodesic distance on the WGS84 ellipsoid (GeographicLib). */
public final class Distances {

    private Distances() {
    }

    public static double meters(GeoPoint a, GeoPoint b) {
        return Geodesic.WGS84.Inverse(a.lat(), a.lon(), b.lat(), b.lon(), GeodesicMask.DISTANCE).s12;
    }

    /**
     * Distance from {@code p} to the segment {@code a}-{@code b}: the cross-track distance where {@code p} lies
     * alongside the segment, else the distance to the nearer end. Flat within the segment, which is exact enough
     * for the few kilometres between two stops.
     */
    public static double metersToSegment(GeoPoint p, GeoPoint a, GeoPoint b) {
        int mask = GeodesicMask.DISTANCE | GeodesicMask.AZIMUTH;
        GeodesicData ab = Geodesic.WGS84.Inverse(a.lat(), a.lon(), b.lat(), b.lon(), mask);
        GeodesicData ap = Geodesic.WGS84.Inverse(a.lat(), a.lon(), p.lat(), p.lon(), mask);
        if (ab.s12 < 1) {
            return ap.s12;
        }
        double angle = Math.toRadians(ap.azi1 - ab.azi1);
        double along = ap.s12 * Math.cos(angle);
        if (along <= 0) {
            return ap.s12;
        }
        if (along >= ab.s12) {
            return meters(p, b);
        }
        return Math.abs(ap.s12 * Math.sin(angle));
    }
}
