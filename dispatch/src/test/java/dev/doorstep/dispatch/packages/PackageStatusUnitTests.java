package dev.doorstep.dispatch.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackageStatusUnitTests {

    @Test
    void aDeliveredPackageNeverMovesAgain() {
        assertThat(PackageStatus.DELIVERED.isFinal()).isTrue();
        for (PackageStatus next : PackageStatus.values()) {
            assertThat(PackageStatus.DELIVERED.canMoveTo(next)).as("DELIVERED -> %s", next).isFalse();
        }
    }

    @Test
    void onlyDeliveredReturnedToSenderAndCancelledAreFinal() {
        assertThat(EnumSet.allOf(PackageStatus.class).stream().filter(PackageStatus::isFinal))
                .containsExactlyInAnyOrder(PackageStatus.DELIVERED, PackageStatus.RETURNED_TO_SENDER,
                        PackageStatus.CANCELLED);
    }

    @Test
    void onlyAPackageOutForDeliveryReachesTheDoor() {
        for (PackageStatus from : PackageStatus.values()) {
            boolean out = from == PackageStatus.OUT_FOR_DELIVERY;
            assertThat(from.canMoveTo(PackageStatus.DELIVERED)).as("%s -> DELIVERED", from).isEqualTo(out);
            assertThat(from.canMoveTo(PackageStatus.PICKED_UP)).as("%s -> PICKED_UP", from).isEqualTo(out);
            assertThat(from.canMoveTo(PackageStatus.ATTEMPTED)).as("%s -> ATTEMPTED", from).isEqualTo(out);
        }
    }

    @Test
    void aManifestedPackageCannotSkipTheRouteToTheDoor() {
        assertThat(PackageStatus.MANIFESTED.canMoveTo(PackageStatus.DELIVERED)).isFalse();
        assertThat(PackageStatus.MANIFESTED.canMoveTo(PackageStatus.MISSING)).isFalse();
        assertThat(PackageStatus.MANIFESTED.canMoveTo(PackageStatus.PLANNED)).isTrue();
    }

    @Test
    void aTransitionTheMachineDoesNotAllowCannotBeDeclared() {
        assertThatThrownBy(() -> new PackageTransition("resurrect", Set.of(PackageStatus.DELIVERED),
                PackageStatus.PLANNED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DELIVERED -> PLANNED");
    }

    @Test
    void everyNamedTransitionIsAMoveOfTheMachine() throws IllegalAccessException {
        List<PackageTransition> named = named();
        assertThat(named).hasSizeGreaterThanOrEqualTo(16);
        for (PackageTransition t : named) {
            assertThat(t.from()).as(t.name()).isNotEmpty().allSatisfy(from -> assertThat(from.canMoveTo(t.to()))
                    .as("%s: %s -> %s", t.name(), from, t.to()).isTrue());
        }
    }

    @Test
    void everyStatusButManifestedIsReachedByANamedTransition() throws IllegalAccessException {
        Set<PackageStatus> reached = EnumSet.noneOf(PackageStatus.class);
        named().forEach(t -> reached.add(t.to()));
        // MANIFESTED is where a package starts; RETURNED_TO_SENDER waits for the shipper's collection.
        assertThat(EnumSet.complementOf(EnumSet.copyOf(reached)))
                .containsExactlyInAnyOrder(PackageStatus.MANIFESTED, PackageStatus.RETURNED_TO_SENDER);
    }

    @Test
    void everyMoveOfTheMachineIsMadeByANamedTransitionButTheShippersCollection() throws IllegalAccessException {
        List<PackageTransition> named = named();
        for (PackageStatus from : PackageStatus.values()) {
            for (PackageStatus to : PackageStatus.values()) {
                boolean used = named.stream().anyMatch(t -> t.to() == to && t.startsFrom(from));
                boolean collection = from == PackageStatus.RETURN_TO_SENDER && to == PackageStatus.RETURNED_TO_SENDER;
                assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(used || collection);
            }
        }
    }

    @Test
    void aReturnScanTakesOnlyWhatADriverCouldBringBack() {
        assertThat(PackageTransition.DELIVERY_RETURN.from()).containsExactlyInAnyOrder(PackageStatus.ATTEMPTED,
                PackageStatus.OUT_FOR_DELIVERY, PackageStatus.MISSING);
        assertThat(PackageTransition.PICKUP_RETURN.from()).containsExactlyInAnyOrder(PackageStatus.PICKED_UP,
                PackageStatus.MISSING);
        assertThat(PackageTransition.REATTEMPT.startsFrom(PackageTransition.DELIVERY_RETURN.to())).isTrue();
        assertThat(PackageTransition.TO_SENDER.startsFrom(PackageTransition.DELIVERY_RETURN.to())).isTrue();
    }

    @Test
    void fromNamesAreTheSqlTextOfTheStatusesInAStableOrder() {
        assertThat(PackageTransition.PLAN.fromNames()).containsExactly("AT_STATION", "MANIFESTED");
    }

    private static List<PackageTransition> named() throws IllegalAccessException {
        List<PackageTransition> named = new ArrayList<>();
        for (Field f : PackageTransition.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == PackageTransition.class) {
                named.add((PackageTransition) f.get(null));
            }
        }
        return named;
    }
}
