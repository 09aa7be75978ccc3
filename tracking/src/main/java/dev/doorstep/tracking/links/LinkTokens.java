package dev.doorstep.tracking.links;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** 256 random bits, base64url without padding; only the SHA-256 of the text is ever stored. */
final class LinkTokens {

    static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One digest per thread: {@code MessageDigest.getInstance} looks the provider up again on every call. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(LinkTokens::sha256);

    private LinkTokens() {
    }

    /** A fresh token. SecureRandom may block on entropy: call it off the event loop. */
    static String fresh() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of the token's UTF-8 bytes; every public tracking read hashes its token once. */
    static byte[] hash(String token) {
        // digest() resets the thread's digest, so a call never sees what an earlier one fed it.
        return SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
