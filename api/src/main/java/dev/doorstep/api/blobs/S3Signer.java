package dev.doorstep.api.blobs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for S3 requests, with javax.crypto only: the canonical request of the method, path, query,
 * the signed headers and the payload hash; the string to sign; the key derived from the secret, day, region and
 * service. Returns every header the request must carry, Authorization included.
 */
final class S3Signer {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final String accessKey;
    private final String secretKey;
    private final String region;

    S3Signer(String accessKey, String secretKey, String region) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
    }

    /** The headers to send: host, x-amz-date, x-amz-content-sha256, the {@code extra} ones, and Authorization. */
    Map<String, String> sign(String method, URI uri, Map<String, String> extra, byte[] payload, Instant now) {
        String amzDate = STAMP.format(now);
        String day = amzDate.substring(0, 8);
        TreeMap<String, String> headers = new TreeMap<>();
        extra.forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value.strip()));
        headers.put("host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        headers.put("x-amz-date", amzDate);
        headers.put("x-amz-content-sha256", hex(sha256(payload)));
        StringBuilder canonicalHeaders = new StringBuilder();
        headers.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String signedHeaders = String.join(";", headers.keySet());
        String canonicalRequest = method + '\n' + uri.getRawPath() + '\n'
                + (uri.getRawQuery() == null ? "" : uri.getRawQuery()) + '\n' + canonicalHeaders + '\n'
                + signedHeaders + '\n' + headers.get("x-amz-content-sha256");
        String scope = day + '/' + region + "/s3/aws4_request";
        String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(hmac(hmac(hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day), region), "s3"),
                "aws4_request");
        String signature = hex(hmac(key, stringToSign));
        headers.put("authorization", ALGORITHM + " Credential=" + accessKey + '/' + scope + ", SignedHeaders="
                + signedHeaders + ", Signature=" + signature);
        return headers;
    }

    /** A key's path segments, each percent-encoded as S3 expects (unreserved characters kept, '/' between). */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
