-- OsmAnd / Traccar Client devices: the device key (sent as "id") is a secret, so only its SHA-256 is kept.
CREATE TABLE osmand_devices (
    key_hash    bytea PRIMARY KEY CHECK (length(key_hash) = 32),
    driver_id   text NOT NULL REFERENCES drivers (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX osmand_devices_driver ON osmand_devices (driver_id);
