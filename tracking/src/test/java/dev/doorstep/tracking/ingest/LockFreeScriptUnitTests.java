package dev.doorstep.tracking.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.script.RedisScript;

class LockFreeScriptUnitTests {

    @Test
    void isTheScriptSpringWouldRunUnderTheSameSha() {
        String lua = "return redis.call('GET', KEYS[1])";
        LockFreeScript<String> script = LockFreeScript.of(lua, String.class);
        RedisScript<String> spring = RedisScript.of(lua, String.class);
        assertThat(script.getSha1()).isEqualTo(spring.getSha1());
        assertThat(script.getScriptAsString()).isEqualTo(lua);
        assertThat(script.getResultType()).isEqualTo(String.class);
        assertThat(script.returnsRawValue()).isEqualTo(spring.returnsRawValue());
    }
}
