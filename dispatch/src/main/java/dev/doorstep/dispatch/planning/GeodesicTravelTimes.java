package dev.doorstep.dispatch.planning;

import dev.doorstep.dispatch.geo.Distances;
import dev.doorstep.dispatch.geo.GeoPoint;
import java.util.List;

/** The default travel times: geodesic distance times a road factor, at each vehicle type's average speed. */
public final class GeodesicTravelTimes implements TravelTimes {

    private final double roadFactor;
    private final double[] metersPerSecond;

    /** {@code metersPerSecond} per vehicle kind, in the problem's order of kinds. */
    public GeodesicTravelTimes(double roadFactor, double[] metersPerSecond) {
        this.roadFactor = roadFactor;
        this.metersPerSecond = metersPerSecond.clone();
    }

    /** Points are (x = lon, y = lat). */
    @Override
    public TravelMatrix between(List<Point> points) {
        int n = points.size();
        float[] meters = new float[n * n];
        for (int i = 0; i < n; i++) {
            GeoPoint a = new GeoPoint(points.get(i).y(), points.get(i).x());
            for (int j = i + 1; j < n; j++) {
                float d = (float) (Distances.meters(a, new GeoPoint(points.get(j).y(), points.get(j).x())) * roadFactor);
                meters[i * n + j] = d;
                meters[j * n + i] = d;
            }
        }
        return new TravelMatrix() {
            @Override
            public double meters(int from, int to) {
                return meters[from * n + to];
            }

            @Override
            public double seconds(int kind, int from, int to) {
                return meters[from * n + to] / metersPerSecond[kind];
            }

            @Override
            public String source() {
                return "geodesic";
            }
        };
    }
}
