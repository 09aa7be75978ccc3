package dev.doorstep.dispatch.geo;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;

/** Geodesic distance on the WGS84 ellipsoid (GeographicLib). */
public final class Distances {

    private Distances() {
    }

    public static double meters(GeoPoint a, GeoPoint b) {
        return Geodesic.WGS84.Inverse(a.lat(), a.lon(), b.lat(), b.lon(), GeodesicMask.DISTANCE).s12;
    }
}
