package dev.doorstep.dispatch.ids;

import java.security.SecureRandom;
import java.util.Base64;

/** Opaque, URL-safe string ids with a short prefix naming the kind ({@code st_}, {@code drv_}). */
public final class Ids {

    // DRBG is seeded once; NativePRNG would read /dev/urandom on every call (blocking I/O on Netty).
    private static final SecureRandom RANDOM = drbg();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("DRBG is part of every Java 17 runtime", e);
        }
    }

    /** Fills {@code bytes} with cryptographically strong random bytes without blocking. */
    public static void randomBytes(byte[] bytes) {
        RANDOM.nextBytes(bytes);
    }

    public static String next(String prefix) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return prefix + "_" + ENCODER.encodeToString(bytes);
    }
}
