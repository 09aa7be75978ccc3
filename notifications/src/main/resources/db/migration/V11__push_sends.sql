-- One row per (outbox event, device token): claimed before the push is sent and finished after, so that
-- retries, a second app node or a redelivered stream entry never push the same event twice to one device.
CREATE TABLE push_sends (
    event_id     bigint NOT NULL,
    token        text NOT NULL,
    state        text NOT NULL CHECK (state IN ('SENDING', 'SENT', 'LOGGED', 'FAILED', 'GAVE_UP', 'DROPPED')),
    claimed_by   text NOT NULL,
    claimed_at   timestamptz NOT NULL DEFAULT now(),
    attempts     integer NOT NULL DEFAULT 0,
    message_id   text,
    error        text,
    finished_at  timestamptz,
    PRIMARY KEY (event_id, token)
);
CREATE INDEX push_sends_in_flight ON push_sends (claimed_at) WHERE state = 'SENDING';
