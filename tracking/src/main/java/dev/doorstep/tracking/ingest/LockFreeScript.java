package dev.doorstep.tracking.ingest;

import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.core.script.DigestUtils;

/**
 * A Redis script whose SHA-1 is computed once, up front. Spring's {@code RedisScript.of} computes it under a lock
 * taken on every call, and two event loops running the script at once then park on that lock: a blocking call on
 * an event loop (BlockHound fails it), and a queue on the hottest path of ingest and of every rate limit.
 */
public final class LockFreeScript<T> implements RedisScript<T> {

    private final String script;
    private final Class<T> resultType;
    private final String sha1;

    private LockFreeScript(String script, Class<T> resultType) {
        this.script = script;
        this.resultType = resultType;
        this.sha1 = DigestUtils.sha1DigestAsHex(script);
    }

    public static <T> LockFreeScript<T> of(String script, Class<T> resultType) {
        return new LockFreeScript<>(script, resultType);
    }

    @Override
    public String getSha1() {
        return sha1;
    }

    @Override
    public Class<T> getResultType() {
        return resultType;
    }

    @Override
    public String getScriptAsString() {
        return script;
    }
}
