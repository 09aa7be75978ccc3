package dev.doorstep.api.tracking;

import dev.doorstep.api.security.LocalIssuer;
import dev.doorstep.api.security.SecuritySettings;
import dev.doorstep.tracking.links.TrackingPages;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The base URL customers reach this app at: the configured public URL, else the local issuer's. */
@Component
class PublicUrl implements TrackingPages {

    private final SecuritySettings settings;
    private final ObjectProvider<LocalIssuer> localIssuer;

    PublicUrl(SecuritySettings settings, ObjectProvider<LocalIssuer> localIssuer) {
        this.settings = settings;
        this.localIssuer = localIssuer;
    }

    @Override
    public String url(String token) {
        return trackingPage(token);
    }

    /** The tracking page of a token. */
    String trackingPage(String token) {
        String base = settings.publicUrl();
        if (base == null || base.isBlank()) {
            LocalIssuer issuer = localIssuer.getIfAvailable();
            base = issuer == null ? "" : issuer.issuer();
        }
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/track/" + token;
    }
}
