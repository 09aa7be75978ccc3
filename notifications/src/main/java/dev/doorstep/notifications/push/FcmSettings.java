package dev.doorstep.notifications.push;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param credentialsFile a Firebase service account JSON file; empty means log-only (nothing sent to Google)
 */
@ConfigurationProperties("doorstep.notifications.fcm")
public record FcmSettings(String credentialsFile) {

    public boolean configured() {
        return credentialsFile != null && !credentialsFile.isBlank();
    }
}
