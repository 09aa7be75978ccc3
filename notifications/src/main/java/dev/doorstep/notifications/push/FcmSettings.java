package dev.doorstep.notifications.push;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param credentialsFile  a Firebase service account JSON file; empty means log-only (nothing sent to Google)
 * @param endpointOverride a base URL (such as {@code http://127.0.0.1:8089}) every connection of the FCM SDK goes
 *                         to instead of Google, token requests included: a loopback stand-in for the bench; empty: Google
 */
@ConfigurationProperties("doorstep.notifications.fcm")
public record FcmSettings(String credentialsFile, String endpointOverride) {

    public boolean configured() {
        return credentialsFile != null && !credentialsFile.isBlank();
    }
}
