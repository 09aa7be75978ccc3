package dev.doorstep.simulator;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What {@link WorldSeeder} made: a station's day, planned, published and assigned, ready to be driven.
 *
 * @param date the planned day, in the station's zone
 * @param dispatchers one account per DSP, with its password (the portal's sign-in)
 * @param seats the DSP drivers on a route of the day
 */
public record World(String stationId, String stationName, double stationLat, double stationLon, ZoneId zone,
        LocalDate date, String shiftStart, String opsToken, String serviceToken, List<Dispatcher> dispatchers,
        List<Seat> seats, int packages, int routes, int flexDrivers, int blocksOffered, int blocksClaimed) {

    public World {
        dispatchers = List.copyOf(dispatchers);
        seats = List.copyOf(seats);
    }

    public record Dispatcher(String dspId, String dspName, String username, String password) {
    }

    /**
     * A driver on a route.
     *
     * @param osmand sends its positions one at a time through the OsmAnd protocol, not JSON batches
     * @param silent its phone goes silent once during the day
     */
    public record Seat(String driverId, String name, String token, String routeId, String dspId, boolean osmand,
            boolean silent) {
    }
}
