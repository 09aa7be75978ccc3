package dev.doorstep.api.dsp;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dispatcher portal at {@code /dsp} ({@code doorstep.api.portal.*}).
 *
 * @param tileUrl Leaflet tile URL template of the live map; empty shows the map without tiles
 * @param tileAttribution the tiles' attribution line
 * @param clientId the portal's OAuth2 client id at the external issuer (authorization code with PKCE)
 * @param scopes the scopes the portal asks the external issuer for, space-separated
 * @param issuerName the issuer's name on the sign-in button; empty shows the issuer's host
 */
@ConfigurationProperties("doorstep.api.portal")
public record PortalSettings(String tileUrl, String tileAttribution, String clientId, String scopes, String issuerName) {

    public PortalSettings {
        tileUrl = tileUrl == null ? "" : tileUrl;
        tileAttribution = tileAttribution == null ? "" : tileAttribution;
        clientId = clientId == null || clientId.isBlank() ? "dsp-portal" : clientId;
        scopes = scopes == null ? "openid" : scopes;
        issuerName = issuerName == null ? "" : issuerName;
    }
}
