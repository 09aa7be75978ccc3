package dev.doorstep.tracking.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LinkSecretUnitTests {

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void eachPackageHasItsOwn256BitUrlSafeTokenThatOnlyTheKeyReproduces() {
        LinkSecret secret = new LinkSecret(key(7));
        String token = secret.tokenFor("TBA000000001");
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        assertThat(new LinkSecret(key(7)).tokenFor("TBA000000001")).isEqualTo(token);
        assertThat(secret.tokenFor("TBA000000002")).isNotEqualTo(token);
        assertThat(new LinkSecret(key(8)).tokenFor("TBA000000001")).isNotEqualTo(token);
    }

    @Test
    void aKeyShorterThan256BitsIsRefused() {
        assertThatThrownBy(() -> new LinkSecret(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
