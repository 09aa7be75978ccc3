package dev.doorstep.tracking.links;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's key for the links packages get when they go out for delivery: the token of package P is
 * HMAC-SHA256(key, P), 256 bits that look random to anyone without the key. The database keeps only the token's
 * hash, as for every link, and the server can name the same link again in a later push. Every app node needs the
 * same key ({@code doorstep.tracking.links.secret}).
 */
public final class LinkSecret {

    /** At least 256 bits of key. */
    public static final int MIN_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public LinkSecret(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("a tracking link secret needs at least " + MIN_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** The token of the package's out-for-delivery link: base64url, no padding, 43 characters. */
    String tokenFor(String trackingId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(("doorstep/departure-link/v1/" + trackingId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
