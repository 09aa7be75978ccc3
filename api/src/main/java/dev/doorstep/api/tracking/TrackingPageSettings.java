package dev.doorstep.api.tracking;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The customer's tracking page ({@code doorstep.api.tracking-page.*}).
 *
 * @param tileUrl Leaflet tile URL template; empty shows the map without tiles
 * @param tileAttribution the tiles' attribution line
 * @param fcmWebConfig the Firebase web app config (JSON) for push; empty hides the notifications button
 * @param fcmVapidKey the Firebase web push certificate's public key
 */
@ConfigurationProperties("doorstep.api.tracking-page")
public record TrackingPageSettings(String tileUrl, String tileAttribution, String fcmWebConfig, String fcmVapidKey) {

    public TrackingPageSettings {
        tileUrl = tileUrl == null ? "" : tileUrl;
        tileAttribution = tileAttribution == null ? "" : tileAttribution;
        fcmWebConfig = fcmWebConfig == null ? "" : fcmWebConfig;
        fcmVapidKey = fcmVapidKey == null ? "" : fcmVapidKey;
    }
}
