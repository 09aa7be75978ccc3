-- Flex blocks: every forfeit (late or not) is kept, for each driver's standing over the last 30 days.
CREATE TABLE block_forfeits (
    id         bigserial PRIMARY KEY,
    block_id   text NOT NULL REFERENCES blocks (id),
    driver_id  text NOT NULL REFERENCES drivers (id),
    at         timestamptz NOT NULL DEFAULT now(),
    late       boolean NOT NULL
);
CREATE INDEX block_forfeits_driver ON block_forfeits (driver_id, at);

-- The no-show and completion sweep looks at held blocks by start.
CREATE INDEX blocks_held_start ON blocks (starts_at) WHERE status IN ('CLAIMED', 'CHECKED_IN');
