package dev.doorstep.dispatch.planning;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Route planning settings ({@code doorstep.dispatch.planning.*}); defaults in application.yml. */
@ConfigurationProperties("doorstep.dispatch.planning")
public record PlanningSettings(
        double roadFactor,
        double speedKmh,
        Map<String, Double> speedKmhByVehicleType,
        int clusterSize,
        int threads,
        int maxBudgetSeconds,
        double routeCostSeconds,
        String osrmUrl,
        int osrmMaxTableSize,
        Duration osrmTimeout) {

    public PlanningSettings {
        speedKmhByVehicleType = speedKmhByVehicleType == null ? Map.of() : Map.copyOf(speedKmhByVehicleType);
        osrmTimeout = osrmTimeout == null ? Duration.ofSeconds(10) : osrmTimeout;
    }

    boolean osrmEnabled() {
        return osrmUrl != null && !osrmUrl.isBlank();
    }

    /** Metres per second for a vehicle type, from its own speed or the default. */
    double metersPerSecond(String vehicleType) {
        return speedKmhByVehicleType.getOrDefault(vehicleType, speedKmh) / 3.6;
    }

    /** Travel times for vehicle kinds of these types, in order: the routing service if set, else geodesic. */
    TravelTimes travelTimes(List<String> vehicleTypes) {
        double[] speeds = vehicleTypes.stream().mapToDouble(this::metersPerSecond).toArray();
        TravelTimes geodesic = new GeodesicTravelTimes(roadFactor, speeds);
        if (!osrmEnabled()) {
            return geodesic;
        }
        double[] slowdown = vehicleTypes.stream().mapToDouble(type -> speedKmh / 3.6 / metersPerSecond(type)).toArray();
        return new OsrmTravelTimes(osrmUrl, osrmMaxTableSize, osrmTimeout, slowdown, geodesic);
    }
}
