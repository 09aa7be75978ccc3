package dev.doorstep.dispatch.routes;

import dev.doorstep.dispatch.routes.ledger.RouteStatus;
import dev.doorstep.dispatch.routes.ledger.StopStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.dispatch.errors.Conflict;
import dev.doorstep.dispatch.errors.DomainError;
import dev.doorstep.dispatch.errors.NotFound;
import dev.doorstep.dispatch.errors.Rejected;
import dev.doorstep.dispatch.geo.GeoPoint;
import dev.doorstep.dispatch.packages.PackageKind;
import dev.doorstep.dispatch.packages.PackageStatus;
import dev.doorstep.dispatch.packages.PackageTransition;
import dev.doorstep.dispatch.planning.Resequenced;
import dev.doorstep.dispatch.routes.RouteChangeRules.StopTiming;
import dev.doorstep.dispatch.routes.RouteHead.Load;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteChangeRulesUnitTests {

    private static final OffsetDateTime NINE = OffsetDateTime.of(2030, 5, 6, 9, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void onlyARouteOfAPublishedPlanThatIsNotOverCanChange() {
        assertThat(RouteChangeRules.routeRefuses(route(RouteStatus.ASSIGNED, "READY", null)))
                .map(RouteChangeRulesUnitTests::reason).contains("ROUTE_NOT_PUBLISHED");
        assertThat(RouteChangeRules.routeRefuses(route(RouteStatus.FINISHED, "PUBLISHED", null)))
                .map(RouteChangeRulesUnitTests::reason).contains("ILLEGAL_TRANSITION");
        assertThat(RouteChangeRules.routeRefuses(route(RouteStatus.IN_PROGRESS, "PUBLISHED", null))).isEmpty();
    }

    @Test
    void aPackageJoiningARouteUnderWayIsOutForDeliveryAtOnce() {
        assertThat(RouteChangeRules.joining(route(RouteStatus.IN_PROGRESS, "PUBLISHED", null)))
                .isEqualTo(PackageTransition.JOIN_ROUTE_UNDER_WAY);
        assertThat(RouteChangeRules.joining(route(RouteStatus.ASSIGNED, "PUBLISHED", null)))
                .isEqualTo(PackageTransition.JOIN_ROUTE);
    }

    @Test
    void onlyADeliveryOfTheStationWaitingThereThatTheVanCarriesCanJoin() {
        RouteHead route = route(RouteStatus.ASSIGNED, "PUBLISHED", new Load(11, 100, 100));
        assertThat(RouteChangeRules.cannotAdd(route, parcel("PKG-1", "st_2", PackageStatus.AT_STATION, null, 1)))
                .map(RouteChangeRulesUnitTests::reason).contains("OTHER_STATION");
        assertThat(RouteChangeRules.cannotAdd(route, pickup("PKG-1"))).map(RouteChangeRulesUnitTests::reason)
                .contains("PACKAGE_NOT_AVAILABLE");
        assertThat(RouteChangeRules.cannotAdd(route, parcel("PKG-1", "st_1", PackageStatus.DELIVERED, null, 1)))
                .map(RouteChangeRulesUnitTests::reason).contains("PACKAGE_NOT_AVAILABLE");
        assertThat(RouteChangeRules.cannotAdd(route, parcel("PKG-1", "st_1", PackageStatus.RETURNED_TO_STATION,
                null, 1))).isEmpty();
        assertThat(RouteChangeRules.cannotAdd(route, parcel("PKG-1", "st_1", PackageStatus.AT_STATION, null, 91)))
                .map(RouteChangeRulesUnitTests::reason).contains("VAN_TOO_SMALL");
    }

    @Test
    void aPackageJoinsAPendingStopAtItsPlaceNarrowingTheWindowToBoth() {
        RouteStop there = stop("sp_1", 0, StopStatus.PENDING, "1 Main St", NINE, NINE.plusHours(4), 2);
        Parcel p = new Parcel("PKG-1", "st_1", PackageKind.DELIVERY, PackageStatus.AT_STATION, 3, null,
                " 1 MAIN ST ", 40.0, -74.0, NINE.plusHours(1), NINE.plusHours(6), 1.0, 1.0);

        RouteChange change = RouteChangeRules.added(List.of(there), p, "sp_new");

        assertThat(change.newStop()).isFalse();
        assertThat(change.stop().id()).isEqualTo("sp_1");
        assertThat(change.stop().from()).isEqualTo(NINE.plusHours(1));
        assertThat(change.stop().to()).isEqualTo(NINE.plusHours(4));
        assertThat(change.stop().packages()).isEqualTo(3);
        assertThat(change.sign()).isEqualTo(1);
    }

    @Test
    void aPackageWhoseWindowMissesTheStopsOrWhoseStopWasReachedGetsANewStop() {
        RouteStop reached = stop("sp_1", 0, StopStatus.COMPLETED, "1 Main St", NINE, NINE.plusHours(4), 1);
        RouteStop later = stop("sp_2", 1, StopStatus.PENDING, "1 Main St", NINE.plusHours(8), NINE.plusHours(9), 1);

        RouteChange change = RouteChangeRules.added(List.of(reached, later),
                parcel("PKG-1", "st_1", PackageStatus.AT_STATION, null, 1), "sp_new");

        assertThat(change.newStop()).isTrue();
        assertThat(change.stop().id()).isEqualTo("sp_new");
        assertThat(change.open()).extracting(RouteStop::id).containsExactly("sp_2", "sp_new");
        assertThat(change.firstOpenSeq()).isEqualTo(1);
    }

    @Test
    void takingOffTheLastPackageOfAPendingStopDropsTheStop() {
        RouteStop only = stop("sp_1", 0, StopStatus.PENDING, "1 Main St", NINE, NINE.plusHours(4), 1);
        RouteStop shared = stop("sp_2", 1, StopStatus.PENDING, "2 Main St", NINE, NINE.plusHours(4), 2);

        RouteChange dropped = RouteChangeRules.removed(List.of(only, shared),
                parcel("PKG-1", "st_1", PackageStatus.PLANNED, "sp_1", 1));
        RouteChange kept = RouteChangeRules.removed(List.of(only, shared),
                parcel("PKG-2", "st_1", PackageStatus.OUT_FOR_DELIVERY, "sp_2", 1));

        assertThat(dropped.dropStop()).isTrue();
        assertThat(dropped.stops()).extracting(RouteStop::id).containsExactly("sp_2");
        assertThat(kept.dropStop()).isFalse();
        assertThat(kept.stop().packages()).isEqualTo(1);
        assertThat(kept.sign()).isEqualTo(-1);
    }

    @Test
    void aPackageAtTheDoorOrNotOnTheRouteCannotBeTakenOff() {
        RouteStop stop = stop("sp_1", 0, StopStatus.ARRIVED, "1 Main St", NINE, NINE.plusHours(4), 1);

        assertThatThrownBy(() -> RouteChangeRules.removed(List.of(stop),
                parcel("PKG-1", "st_1", PackageStatus.DELIVERED, "sp_1", 1)))
                .isInstanceOf(Conflict.class).extracting("reason").isEqualTo("PACKAGE_NOT_REMOVABLE");
        assertThatThrownBy(() -> RouteChangeRules.removed(List.of(stop),
                parcel("PKG-1", "st_1", PackageStatus.PLANNED, "sp_other", 1)))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void aRouteUnderWayIsResequencedFromNowNeverFromThePast() {
        RouteStop reached = new RouteStop("sp_1", 0, StopStatus.COMPLETED, "1 Main St", 40, -74, null, null,
                NINE.plusMinutes(30), 1);
        RouteHead underWay = route(RouteStatus.IN_PROGRESS, "PUBLISHED", null);
        RouteHead assigned = route(RouteStatus.ASSIGNED, "PUBLISHED", null);
        Instant later = NINE.plusHours(2).toInstant();

        assertThat(RouteChangeRules.departAt(underWay, List.of(reached), later)).isEqualTo(later);
        assertThat(RouteChangeRules.departAt(underWay, List.of(reached), NINE.toInstant()))
                .isEqualTo(NINE.plusMinutes(30).toInstant());
        assertThat(RouteChangeRules.departAt(assigned, List.of(), later)).isEqualTo(NINE.toInstant());
    }

    @Test
    void theNewOrderIsNumberedOnFromTheLastStopReached() {
        RouteStop reached = stop("sp_1", 4, StopStatus.COMPLETED, "1 Main St", NINE, NINE.plusHours(4), 1);
        RouteStop a = stop("sp_a", 5, StopStatus.PENDING, "2 Main St", NINE, NINE.plusHours(4), 1);
        RouteStop b = stop("sp_b", 6, StopStatus.PENDING, "3 Main St", null, null, 1);
        RouteChange change = new RouteChange(RouteChange.Kind.ADDED,
                parcel("PKG-1", "st_1", PackageStatus.AT_STATION, null, 1), a, false, false, List.of(reached, a, b));
        Instant t = NINE.toInstant();
        Resequenced order = new Resequenced(List.of(new Resequenced.TimedStop("sp_b", t, t.plusSeconds(60)),
                new Resequenced.TimedStop("sp_a", t.plusSeconds(600), t.plusSeconds(660))), t.plusSeconds(900), 5000,
                List.of());

        List<StopTiming> timings = RouteChangeRules.timings(change, order);

        assertThat(timings).extracting(StopTiming::id).containsExactly("sp_b", "sp_a");
        assertThat(timings).extracting(StopTiming::seq).containsExactly(5, 6);
        assertThat(timings.get(0).from()).isNull();
        assertThat(timings.get(1).arrival()).isEqualTo(NINE.plusMinutes(10));
    }

    private static String reason(DomainError error) {
        if (error instanceof Conflict conflict) {
            return conflict.reason();
        }
        return error instanceof Rejected rejected ? rejected.reason() : error.getClass().getSimpleName();
    }

    private static RouteHead route(RouteStatus status, String planStatus, Load van) {
        return new RouteHead("rt_1", "st_1", status, 1, "van", NINE.toInstant(), NINE.plusHours(10).toInstant(), 120,
                30, planStatus, new GeoPoint(40.0, -74.0), new Load(10, 10, 10), van);
    }

    private static RouteStop stop(String id, int seq, StopStatus status, String address, OffsetDateTime from,
            OffsetDateTime to, int packages) {
        return new RouteStop(id, seq, status, address, 40.0, -74.0, from, to, null, packages);
    }

    private static Parcel parcel(String trackingId, String stationId, PackageStatus status, String stopId,
            double kg) {
        return new Parcel(trackingId, stationId, PackageKind.DELIVERY, status, 1, stopId, "1 Main St", 40.0, -74.0,
                NINE, NINE.plusHours(4), kg, 1.0);
    }

    private static Parcel pickup(String trackingId) {
        return new Parcel(trackingId, "st_1", PackageKind.PICKUP, PackageStatus.AT_STATION, 1, null, "1 Main St",
                40.0, -74.0, NINE, NINE.plusHours(4), 1.0, 1.0);
    }
}
