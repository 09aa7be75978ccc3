package dev.doorstep.api.driver;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The driver web app at {@code /driver/} ({@code doorstep.api.driver-app.*}).
 *
 * @param tileUrl Leaflet tile URL template of the itinerary map; empty shows the map without tiles
 * @param tileAttribution the tiles' attribution line
 * @param clientId the app's OAuth2 client id at the external issuer (authorization code with PKCE)
 * @param scopes the scopes the app asks the external issuer for, space-separated
 * @param issuerName the issuer's name on the sign-in button; empty shows the issuer's host
 * @param fcmWebConfig the Firebase web app config (JSON) for the driver's push; empty skips push registration
 * @param fcmVapidKey the Firebase web push certificate's public key
 */
@ConfigurationProperties("doorstep.api.driver-app")
public record DriverAppSettings(String tileUrl, String tileAttribution, String clientId, String scopes,
        String issuerName, String fcmWebConfig, String fcmVapidKey) {

    public DriverAppSettings {
        tileUrl = tileUrl == null ? "" : tileUrl;
        tileAttribution = tileAttribution == null ? "" : tileAttribution;
        clientId = clientId == null || clientId.isBlank() ? "driver-app" : clientId;
        scopes = scopes == null ? "openid" : scopes;
        issuerName = issuerName == null ? "" : issuerName;
        fcmWebConfig = fcmWebConfig == null ? "" : fcmWebConfig;
        fcmVapidKey = fcmVapidKey == null ? "" : fcmVapidKey;
    }
}
