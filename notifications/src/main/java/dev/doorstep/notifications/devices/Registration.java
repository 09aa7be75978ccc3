package dev.doorstep.notifications.devices;

/** The outcome of a registration: {@code created} is false when the token was already known. */
public record Registration(DeviceToken device, boolean created) {
}
