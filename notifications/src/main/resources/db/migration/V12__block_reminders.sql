-- Reminders already due for a claimed block: the key makes the scan on every app node raise one reminder
-- per block, driver and start time.
CREATE TABLE block_reminders (
    block_id   text NOT NULL,
    driver_id  text NOT NULL,
    starts_at  timestamptz NOT NULL,
    due_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (block_id, driver_id, starts_at)
);
