package dev.doorstep.dispatch.ids;

import java.security.SecureRandom;
import java.util.Base64;

/** Opaque, URL-safe string ids with a short prefix naming the kind ({@code st_}, {@code drv_}). */
public final class Ids {

    // DRBGs seeded once; NativePRNG would read /dev/urandom on every call (blocking I/O on Netty). One DRBG is
    // synchronized: threads take one of several by their id, so event loops do not queue on a single lock.
    private static final SecureRandom[] STRIPES = stripes(16);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    private static SecureRandom[] stripes(int count) {
        SecureRandom[] stripes = new SecureRandom[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = drbg();
        }
        return stripes;
    }

    private static SecureRandom random() {
        return STRIPES[(int) (Thread.currentThread().getId() & (STRIPES.length - 1))];
    }

    private static SecureRandom drbg() {
        try {
            SecureRandom drbg = SecureRandom.getInstance("DRBG");
            drbg.nextBytes(new byte[1]); // seeds now, on the loading thread, not later on an event loop
            return drbg;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("DRBG is part of every Java 17 runtime", e);
        }
    }

    /** Fills {@code bytes} with cryptographically strong random bytes without blocking. */
    public static void randomBytes(byte[] bytes) {
        random().nextBytes(bytes);
    }

    /** A random (version 4) UUID drawn without blocking, unlike {@link java.util.UUID#randomUUID()}. */
    public static java.util.UUID uuid() {
        byte[] b = new byte[16];
        random().nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(b);
        return new java.util.UUID(buffer.getLong(), buffer.getLong());
    }

    public static String next(String prefix) {
        byte[] bytes = new byte[12];
        random().nextBytes(bytes);
        return prefix + "_" + ENCODER.encodeToString(bytes);
    }
}
