package dev.doorstep.notifications.devices;

/** A registered push token and the locale its owner reads. */
public record DeviceToken(String token, Platform platform, String locale, String driverId) {
}
