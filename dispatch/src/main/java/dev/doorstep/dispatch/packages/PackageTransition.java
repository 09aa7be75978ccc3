package dev.doorstep.dispatch.packages;

import java.util.EnumSet;
import java.util.Set;

/**
 * One named move of the package state machine: the statuses it starts from and the one it leads to. Each is checked
 * against {@link PackageStatus} when the class loads, so a move the machine does not allow cannot exist. The ledger
 * writes a move only from one of its {@code from} statuses (a conditional update).
 */
public record PackageTransition(String name, Set<PackageStatus> from, PackageStatus to) {

    /** A published plan puts the package on a stop. */
    public static final PackageTransition PLAN = of("plan", PackageStatus.PLANNED,
            PackageStatus.MANIFESTED, PackageStatus.AT_STATION);
    /** The route leaves the station. */
    public static final PackageTransition LOAD = of("load", PackageStatus.OUT_FOR_DELIVERY, PackageStatus.PLANNED);
    public static final PackageTransition DELIVER = of("deliver", PackageStatus.DELIVERED,
            PackageStatus.OUT_FOR_DELIVERY);
    public static final PackageTransition ATTEMPT = of("attempt", PackageStatus.ATTEMPTED,
            PackageStatus.OUT_FOR_DELIVERY);
    public static final PackageTransition PICK_UP = of("pick up", PackageStatus.PICKED_UP,
            PackageStatus.OUT_FOR_DELIVERY);
    /** A delivery still with the driver at closing time. */
    public static final PackageTransition DELIVERY_MISSING = of("delivery missing", PackageStatus.MISSING,
            PackageStatus.OUT_FOR_DELIVERY, PackageStatus.ATTEMPTED);
    /** A customer return picked up and not scanned in at closing time. */
    public static final PackageTransition PICKUP_MISSING = of("pickup missing", PackageStatus.MISSING,
            PackageStatus.PICKED_UP);
    /** A pickup not collected on a finished route, due again on a later day. */
    public static final PackageTransition PICKUP_AGAIN = of("pickup again", PackageStatus.AT_STATION,
            PackageStatus.OUT_FOR_DELIVERY, PackageStatus.ATTEMPTED);
    /** A pickup not collected after its last attempt. */
    public static final PackageTransition PICKUP_CANCELLED = of("pickup cancelled", PackageStatus.CANCELLED,
            PackageStatus.OUT_FOR_DELIVERY, PackageStatus.ATTEMPTED);
    /** A delivery the driver brings back, scanned at the station. */
    public static final PackageTransition DELIVERY_RETURN = of("delivery return", PackageStatus.RETURNED_TO_STATION,
            PackageStatus.ATTEMPTED, PackageStatus.OUT_FOR_DELIVERY, PackageStatus.MISSING);
    /** A customer return scanned in at the station. */
    public static final PackageTransition PICKUP_RETURN = of("pickup return", PackageStatus.RETURNED_TO_STATION,
            PackageStatus.PICKED_UP, PackageStatus.MISSING);
    /** Scanned back with attempts left: due on a later day. */
    public static final PackageTransition REATTEMPT = of("reattempt", PackageStatus.AT_STATION,
            PackageStatus.RETURNED_TO_STATION);
    /** Scanned back after the last attempt, or refused, or a wrong address. */
    public static final PackageTransition TO_SENDER = of("to sender", PackageStatus.RETURN_TO_SENDER,
            PackageStatus.RETURNED_TO_STATION);
    /** Ops add a delivery to a published route not under way yet. */
    public static final PackageTransition JOIN_ROUTE = of("join route", PackageStatus.PLANNED,
            PackageStatus.MANIFESTED, PackageStatus.AT_STATION, PackageStatus.RETURNED_TO_STATION);
    /** Ops add a delivery to a route under way. */
    public static final PackageTransition JOIN_ROUTE_UNDER_WAY = of("join route under way",
            PackageStatus.OUT_FOR_DELIVERY, PackageStatus.MANIFESTED, PackageStatus.AT_STATION,
            PackageStatus.RETURNED_TO_STATION);
    /** Ops take a package not yet at the door off its route. */
    public static final PackageTransition LEAVE_ROUTE = of("leave route", PackageStatus.AT_STATION,
            PackageStatus.PLANNED, PackageStatus.OUT_FOR_DELIVERY);

    public PackageTransition {
        from = Set.copyOf(from);
        for (PackageStatus status : from) {
            if (!status.canMoveTo(to)) {
                throw new IllegalArgumentException("The package state machine has no move " + status + " -> " + to
                        + " (transition " + name + ")");
            }
        }
    }

    static PackageTransition of(String name, PackageStatus to, PackageStatus first, PackageStatus... more) {
        return new PackageTransition(name, EnumSet.of(first, more), to);
    }

    public boolean startsFrom(PackageStatus status) {
        return from.contains(status);
    }

    /** The {@code from} statuses as SQL text, for {@code status = ANY(:from::text[])}. */
    public String[] fromNames() {
        return from.stream().map(Enum::name).sorted().toArray(String[]::new);
    }
}
