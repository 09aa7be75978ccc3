package dev.doorstep.dispatch.planning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.dispatch.planning.Replan.KeptPackage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplanUnitTests {

    private static final Instant NINE = Instant.parse("2030-05-06T16:00:00Z");

    private static DuePackage pkg(String id, String address) {
        return new DuePackage(id, address, 47.6, -122.3 + address.length() / 1000.0, NINE, NINE.plusSeconds(8 * 3600),
                1, 6);
    }

    private static VrpRoute route(String kind, String... visitIds) {
        return new VrpRoute(kind, Arrays.stream(visitIds).map(id -> new VrpStop(id, 0, 0)).toList(), 0, 0, 0, 0);
    }

    @Test
    void publishedRoutesBecomeKeptRoutesOfTheStopsTheirPackagesAreOnInTheirOrder() {
        List<KeptPackage> kept = List.of(new KeptPackage("rt_a", "VAN", 0, pkg("A1", "1 Pine")),
                new KeptPackage("rt_a", "VAN", 1, pkg("A2", "22 Pine")),
                new KeptPackage("rt_b", "STEP", 0, pkg("B1", "333 Pine")));

        // A late package at a kept stop's address joins that stop.
        Replan replan = Replan.of(List.of(pkg("LATE1", "22 Pine"), pkg("LATE2", "4444 Pine")), kept);

        assertThat(replan.stops()).hasSize(4);
        KeptRoutes routes = replan.kept();
        assertThat(routes.moveSeconds()).isEqualTo(Replan.MOVE_SECONDS);
        assertThat(routes.routes()).extracting(KeptRoutes.Route::kindId).containsExactly("VAN", "STEP");
        List<String> a = routes.routes().get(0).visitIds();
        assertThat(a).hasSize(2);
        assertThat(replan.stops().get(Integer.parseInt(a.get(0))).packages()).extracting(DuePackage::trackingId)
                .containsExactly("A1");
        assertThat(replan.stops().get(Integer.parseInt(a.get(1))).packages()).extracting(DuePackage::trackingId)
                .containsExactlyInAnyOrder("LATE1", "A2");
    }

    @Test
    void aNewRouteContinuesThePublishedRouteOfItsTypeItSharesMostStopsWithOneToOne() {
        List<KeptPackage> kept = List.of(new KeptPackage("rt_a", "VAN", 0, pkg("A1", "1 Pine")),
                new KeptPackage("rt_a", "VAN", 1, pkg("A2", "22 Pine")),
                new KeptPackage("rt_b", "STEP", 0, pkg("B1", "333 Pine")));
        Replan replan = Replan.of(List.of(pkg("N1", "4444 Pine")), kept);
        String n1 = "0";
        String a1 = replan.kept().routes().get(0).visitIds().get(0);
        String a2 = replan.kept().routes().get(0).visitIds().get(1);
        String b1 = replan.kept().routes().get(1).visitIds().get(0);

        // B1 went onto a VAN: that VAN route continues no STEP route; the route of A1 and A2 continues rt_a.
        VrpSolution solution = new VrpSolution(List.of(route("VAN", n1, b1), route("VAN", a2, a1)), List.of(), "geodesic");

        assertThat(replan.continued(solution)).containsExactly(null, "rt_a");
        assertThat(replan.moved(solution)).isEqualTo(1);
    }
}
