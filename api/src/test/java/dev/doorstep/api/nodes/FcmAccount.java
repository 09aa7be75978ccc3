package dev.doorstep.api.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** A Firebase service account file with a fresh key, for app nodes whose FCM is a WireMock on loopback. */
final class FcmAccount {

    private static Path file;

    private FcmAccount() {
    }

    static synchronized Path file() {
        if (file == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                String pem = "-----BEGIN PRIVATE KEY-----\\n" + Base64.getEncoder().encodeToString(
                        generator.generateKeyPair().getPrivate().getEncoded()) + "\\n-----END PRIVATE KEY-----\\n";
                file = Files.createTempFile("doorstep-nodes-fcm", ".json");
                Files.writeString(file, "{\"type\":\"service_account\",\"project_id\":\"doorstep-nodes\","
                        + "\"private_key_id\":\"nodes\",\"private_key\":\"" + pem + "\","
                        + "\"client_email\":\"nodes@doorstep-nodes.iam.gserviceaccount.com\",\"client_id\":\"1\","
                        + "\"token_uri\":\"https://oauth2.googleapis.com/token\"}");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return file;
    }
}
