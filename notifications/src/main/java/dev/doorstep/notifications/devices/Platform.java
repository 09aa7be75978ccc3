package dev.doorstep.notifications.devices;

/** Where a push token lives. */
public enum Platform {
    ANDROID, IOS, WEB
}
