package dev.doorstep.dispatch.delivery;

/** Where the package was left, or where the driver tried. */
public enum Place {
    FRONT_DOOR, BACK_DOOR, SIDE_DOOR, PORCH, MAILROOM, RECEPTIONIST, HANDED_TO_RESIDENT, LOCKER, GARAGE,
    LOADING_DOCK, NEIGHBOR, OTHER
}
