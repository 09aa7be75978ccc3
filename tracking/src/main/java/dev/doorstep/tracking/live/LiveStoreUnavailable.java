package dev.doorstep.tracking.live;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisSystemException;

/** Redis cannot be reached (down, timed out, or its request queue is full): the caller should retry later. */
public final class LiveStoreUnavailable extends RuntimeException {

    LiveStoreUnavailable(Throwable cause) {
        super("Live positions are unavailable; retry later", cause);
    }

    /** An outage becomes this error; a real failure (a script bug, a wrong type) stays what it is. */
    public static Throwable ifOutage(Throwable error) {
        boolean outage = error instanceof DataAccessResourceFailureException || error instanceof QueryTimeoutException
                || error instanceof RedisSystemException && !(error.getCause()
                        instanceof io.lettuce.core.RedisCommandExecutionException);
        return outage ? new LiveStoreUnavailable(error) : error;
    }
}
