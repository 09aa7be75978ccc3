package dev.doorstep.notifications.push;

import java.time.Duration;

/** What became of one push in one attempt. */
record SendOutcome(Kind kind, String messageId, String error, Duration retryAfter) {

    enum Kind {
        /** FCM accepted the message. */
        ACCEPTED,
        /** Log-only mode: written to the log, nothing sent. */
        LOGGED,
        /** 429, 500, 503 or a network failure: worth another attempt. */
        RETRY,
        /** The token is dead (UNREGISTERED, or INVALID_ARGUMENT naming the token): forget it. */
        TOKEN_GONE,
        /** Any other refusal: never retried. */
        FAILED
    }

    static SendOutcome accepted(String messageId) {
        return new SendOutcome(Kind.ACCEPTED, messageId, null, null);
    }

    static SendOutcome logged() {
        return new SendOutcome(Kind.LOGGED, null, null, null);
    }

    static SendOutcome of(Kind kind, String error, Duration retryAfter) {
        return new SendOutcome(kind, null, error, retryAfter);
    }
}
